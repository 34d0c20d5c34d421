// Live heap bytes for `brook dtls bench`'s memory per connection and the DTLS memory-footprint
// test. glibc's mallinfo2() (glibc 2.33+) is not exported to Swift by the Glibc module, hence this
// header. Under AddressSanitizer the allocator is ASan's own and mallinfo2 knows nothing of it, so
// ASan's allocator statistics answer instead (a weak reference, null when ASan is not linked in).
// Header only.
#ifndef BROOK_CMALLOCINFO_SHIM_H
#define BROOK_CMALLOCINFO_SHIM_H

#include <malloc.h>
#include <stddef.h>

extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

/// Bytes currently allocated by the program: in-use heap chunks plus mmapped blocks.
static inline size_t brook_heap_in_use(void) {
    if (__sanitizer_get_current_allocated_bytes) return __sanitizer_get_current_allocated_bytes();
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

/// 1 when the figure comes from AddressSanitizer's allocator.
static inline int brook_heap_is_sanitizer(void) { return __sanitizer_get_current_allocated_bytes != 0; }

#endif
