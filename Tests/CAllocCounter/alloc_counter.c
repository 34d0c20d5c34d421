// Interposed allocation functions for `brook-alloccheck` (see include/CAllocCounter.h). An
// executable's definitions of malloc and friends take precedence over libc's for every shared
// object in the process (the Swift runtime's swift_slowAlloc included); each forwards to the
// glibc implementation (__libc_malloc and so on), so memory is glibc's and malloc_usable_size
// keeps working. Counting is per thread, only while that thread has armed the counter.
#include "CAllocCounter.h"

#include <errno.h>
#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BROOK_ALLOC_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BROOK_ALLOC_UNDER_ASAN 1
#endif

static __thread int armed;
static __thread unsigned long allocations;
static __thread unsigned long frees;

void brook_alloc_arm(void) {
    allocations = 0;
    frees = 0;
    armed = 1;
}

void brook_alloc_disarm(void) { armed = 0; }

unsigned long brook_alloc_allocations(void) { return allocations; }

unsigned long brook_alloc_frees(void) { return frees; }

#ifdef BROOK_ALLOC_UNDER_ASAN

int brook_alloc_interposers_compiled(void) { return 0; }

#else

int brook_alloc_interposers_compiled(void) { return 1; }

// glibc's implementations, exported under these names for exactly this purpose.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

#define COUNT_ALLOCATION() do { if (armed) allocations++; } while (0)

void *malloc(size_t size) {
    COUNT_ALLOCATION();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    COUNT_ALLOCATION();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    COUNT_ALLOCATION();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    if (armed && pointer != NULL) frees++;
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    COUNT_ALLOCATION();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    COUNT_ALLOCATION();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    COUNT_ALLOCATION();
    // POSIX: a power of two that is a multiple of sizeof(void *).
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

void *valloc(size_t size) {
    COUNT_ALLOCATION();
    return __libc_valloc(size);
}

void *pvalloc(size_t size) {
    COUNT_ALLOCATION();
    return __libc_pvalloc(size);
}

#endif
