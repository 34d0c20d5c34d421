// libFuzzer's entry point for programs that have their own main (LLVM 13+, compiler-rt
// FuzzerDriver.cpp). Linked only when building with `-sanitize=fuzzer` (scripts/fuzz).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
