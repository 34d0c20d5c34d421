import BrookTestSupport
import Testing

@testable import BrookSRTP

/// RFC 3711 Appendix A (ROC estimation) and §3.3.2 (replay window), on the internal types.
@Suite struct PacketIndexTests {
    @Test(arguments: [
        // (highest index, SEQ, expected index)
        (UInt64(0x0000_0010), UInt16(0x0011), PacketIndex.Estimate.index(0x0000_0011)),  // in order
        (0x0000_fff0, 0x0005, .index(0x0001_0005)),      // s_l ≥ 2^15, SEQ wrapped: ROC + 1
        (0x0001_0005, 0xfff0, .index(0x0000_fff0)),      // late packet from before the wrap: ROC − 1
        (0x0000_0005, 0xfff0, .beforeFirst),             // ROC − 1 while ROC is 0
        (0x0001_8000, 0x0000, .index(0x0001_0000)),      // s_l − 2^15 = SEQ: not greater, same ROC
        (0x0001_8001, 0x0000, .index(0x0002_0000)),      // s_l − 2^15 > SEQ: ROC + 1
        (0x0001_7fff, 0xffff, .index(0x0001_ffff)),      // SEQ − s_l = 2^15: not greater, same ROC
        (0x0001_7ffe, 0xffff, .index(0x0000_ffff)),      // SEQ − s_l > 2^15: ROC − 1
        (0xffff_ffff_fff0, 0x0001, .exhausted),          // ROC would pass 2^32 − 1
        (0xffff_ffff_fff0, 0xfff5, .index(0xffff_ffff_fff5)),
    ])
    func rolloverEstimate(highest: UInt64, sequence: UInt16, expected: PacketIndex.Estimate) {
        #expect(PacketIndex.estimate(sequenceNumber: sequence, highest: highest) == expected)
    }

    @Test func replayWindowSlides() {
        var window = ReplayWindow(size: 128)
        #expect(window.check(1000) == .fresh)
        window.accept(1000)
        #expect(window.check(1000) == .replayed)
        #expect(window.check(999) == .fresh)
        window.accept(999)
        #expect(window.check(999) == .replayed)
        #expect(window.check(1000 - 127) == .fresh)
        #expect(window.check(1000 - 128) == .tooOld)
        window.accept(1010)                              // gap: 1001…1009 are fresh
        for i: UInt64 in 1001...1009 { #expect(window.check(i) == .fresh) }
        #expect(window.check(1000) == .replayed && window.check(999) == .replayed)
        window.accept(1010 + 127)                        // 1010 still inside, 1000 no longer
        #expect(window.check(1010) == .replayed)
        #expect(window.check(1009) == .tooOld)
        window.accept(100_000)                           // a jump past the whole window clears it
        #expect(window.check(100_000 - 1) == .fresh)
        #expect(window.check(100_000 - 127) == .fresh)
        #expect(window.check(100_000 - 128) == .tooOld)
        #expect(window.check(100_000) == .replayed)
    }

    /// The ring bitmap agrees with a plain set of accepted indices over a random walk.
    @Test(arguments: [64, 128, 200, 1024])
    func replayWindowMatchesModel(size: Int) {
        var window = ReplayWindow(size: size)
        let effective = UInt64(window.size)
        #expect(effective >= UInt64(size) && effective % 64 == 0)
        var accepted = Set<UInt64>()
        var highest: UInt64 = 5000
        var rng = SeededGenerator(seed: UInt64(size))
        for _ in 0..<5000 {
            let candidate = highest &+ UInt64.random(in: 0...(effective + 40), using: &rng) &- effective
            let expected: ReplayWindow.Verdict
            if !accepted.isEmpty && candidate <= highest && highest - candidate >= effective {
                expected = .tooOld
            } else {
                expected = accepted.contains(candidate) ? .replayed : .fresh
            }
            #expect(window.check(candidate) == expected)
            if expected == .fresh {
                window.accept(candidate)
                accepted.insert(candidate)
                highest = accepted.count == 1 ? candidate : max(highest, candidate)
            }
        }
    }
}
