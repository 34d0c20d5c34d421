import BrookSansIO
import Testing

@Suite("Instant: the caller's clock as a value")
struct InstantTests {
    @Test("Adding and subtracting durations")
    func arithmetic() {
        let start = Instant(nanoseconds: 5_000_000_000)
        #expect((start + .milliseconds(250)).nanoseconds == 5_250_000_000)
        #expect((start - .seconds(1)).nanoseconds == 4_000_000_000)
        #expect((start + .milliseconds(-500)).nanoseconds == 4_500_000_000)
        #expect(start + .milliseconds(250) - start == .milliseconds(250))
        #expect(start - (start + .seconds(2)) == .seconds(-2))
        #expect(start < start + .nanoseconds(1))
    }

    @Test("Saturation at both ends instead of a trap")
    func saturation() {
        #expect((Instant.zero - .seconds(1)) == .zero)
        let late = Instant(nanoseconds: .max - 10)
        #expect((late + .seconds(1)).nanoseconds == .max)
        #expect(Duration.seconds(Int64.max).nanosecondsClamped == .max)
        #expect(Duration.seconds(Int64.min).nanosecondsClamped == .min)
        #expect(Instant(nanoseconds: .max) - Instant.zero == .nanoseconds(Int64.max))
    }

    @Test("Description in milliseconds")
    func description() {
        #expect(Instant(nanoseconds: 1_500_000_000).description == "1500 ms")
        #expect(Instant(nanoseconds: 1_000_007).description == "1 ms + 7 ns")
    }
}
