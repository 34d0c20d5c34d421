// A test-only allocation counter for `brook-alloccheck` (README, "What the tests check"): the
// executable that links this target gets its own malloc, calloc, realloc, free, posix_memalign,
// aligned_alloc, memalign, valloc and pvalloc, which forward to glibc's and, while the calling
// thread has armed the counter, count each call. In no library product; never linked into Brook.
#ifndef BROOK_CALLOCCOUNTER_H
#define BROOK_CALLOCCOUNTER_H

/// 1 when the interposers were compiled in; 0 under AddressSanitizer, whose runtime owns malloc
/// (the check then cannot count, and says so).
int brook_alloc_interposers_compiled(void);

/// Starts counting this thread's calls (and resets the counts).
void brook_alloc_arm(void);

/// Stops counting this thread's calls.
void brook_alloc_disarm(void);

/// Allocating calls (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign, valloc,
/// pvalloc) made by this thread while armed.
unsigned long brook_alloc_allocations(void);

/// free calls (of a non-null pointer) made by this thread while armed.
unsigned long brook_alloc_frees(void);

#endif
