/// A moment on the caller's monotonic clock, counted in nanoseconds from an origin the caller picks.
///
/// Brook's protocol state machines never read a clock: every input that depends on time carries the
/// current `Instant`, and every timer comes back out as the `Instant` at which the caller should call
/// again. Tests drive the same code from a simulated clock.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the caller's origin.
    public let nanoseconds: UInt64

    /// The instant `nanoseconds` after the caller's origin.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// The caller's origin.
    public static let zero = Instant(nanoseconds: 0)

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// `instant` moved by `duration`, saturating at the origin and at the largest representable instant.
    public static func + (instant: Instant, duration: Duration) -> Instant {
        let delta = duration.nanosecondsClamped
        if delta >= 0 {
            let (sum, overflow) = instant.nanoseconds.addingReportingOverflow(UInt64(delta))
            return Instant(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = delta.magnitude
        return Instant(nanoseconds: instant.nanoseconds > magnitude ? instant.nanoseconds - magnitude : 0)
    }

    /// `instant` moved back by `duration`, saturating as `+` does.
    public static func - (instant: Instant, duration: Duration) -> Instant {
        instant + (.zero - duration)
    }

    /// The signed time from `earlier` to `later`.
    public static func - (later: Instant, earlier: Instant) -> Duration {
        if later.nanoseconds >= earlier.nanoseconds {
            return .nanoseconds(Int64(clamping: later.nanoseconds - earlier.nanoseconds))
        }
        return .zero - .nanoseconds(Int64(clamping: earlier.nanoseconds - later.nanoseconds))
    }

    public var description: String {
        let milliseconds = nanoseconds / 1_000_000
        let fraction = nanoseconds % 1_000_000
        return fraction == 0 ? "\(milliseconds) ms" : "\(milliseconds) ms + \(fraction) ns"
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to the range of `Int64` (about ±292 years).
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowSum) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflowSum { return seconds < 0 ? .min : .max }
        return sum
    }
}
