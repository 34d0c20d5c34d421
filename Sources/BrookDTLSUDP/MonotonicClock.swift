import BrookSansIO
import Glibc

/// The monotonic clock as an `Instant`: the adapter reads the clock so the library never does.
public func monotonicNow() -> Instant {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Instant(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
}
