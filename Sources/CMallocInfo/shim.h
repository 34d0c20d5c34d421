// glibc's allocator statistics (mallinfo2, glibc 2.33+), which the Glibc module does not expose:
// `brook dtls bench` reads the bytes in use to measure live heap per connection. Header only.
#include <malloc.h>
