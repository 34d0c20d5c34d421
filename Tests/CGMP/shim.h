// GMP (Debian libgmp-dev), used by the tests as an independent oracle for big-number arithmetic.
#include <gmp.h>
