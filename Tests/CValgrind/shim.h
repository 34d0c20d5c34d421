// valgrind memcheck client requests for `brook-ctcheck` (Debian `valgrind` ships memcheck.h).
// Each request is a magic no-op instruction sequence: outside valgrind it does nothing.
// Without the headers everything compiles to no-ops and brook_ct_requests_compiled() is 0,
// which the check reports as a failure instead of passing vacuously.
#ifndef BROOK_CVALGRIND_SHIM_H
#define BROOK_CVALGRIND_SHIM_H

#include <stddef.h>

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define BROOK_CT_HAVE_MEMCHECK 1
#else
#define BROOK_CT_HAVE_MEMCHECK 0
#endif

/// 1 when the client requests were compiled in (memcheck.h was found).
static inline int brook_ct_requests_compiled(void) { return BROOK_CT_HAVE_MEMCHECK; }

#if BROOK_CT_HAVE_MEMCHECK
/// Nonzero when running under valgrind.
static inline unsigned brook_ct_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
/// Marks `count` bytes at `p` secret: memcheck treats them as undefined, and reports any
/// conditional jump or memory address that depends on them.
static inline void brook_ct_mark_secret(const void *p, size_t count) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, count); }
/// Marks `count` bytes at `p` public (defined) again.
static inline void brook_ct_mark_public(const void *p, size_t count) { (void)VALGRIND_MAKE_MEM_DEFINED(p, count); }
/// The number of errors memcheck has reported so far.
static inline unsigned brook_ct_error_count(void) { return VALGRIND_COUNT_ERRORS; }
#else
static inline unsigned brook_ct_running_on_valgrind(void) { return 0; }
static inline void brook_ct_mark_secret(const void *p, size_t count) { (void)p; (void)count; }
static inline void brook_ct_mark_public(const void *p, size_t count) { (void)p; (void)count; }
static inline unsigned brook_ct_error_count(void) { return 0; }
#endif

#endif
