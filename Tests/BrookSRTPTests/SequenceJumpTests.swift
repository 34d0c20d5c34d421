import BrookTestSupport
import Testing

@testable import BrookSRTP

/// Forged packets with absurd sequence numbers (issue 7's hostile peers): the ROC estimate of RFC 3711
/// §3.3.1 and the replay window may move only for a packet that authenticates, so forgeries far
/// ahead, far behind or across the wrap change nothing, and the genuine stream goes on.
@Suite struct SequenceJumpTests {
    @Test(arguments: SRTPProfile.allCases)
    func forgedJumpsMoveNothing(profile: SRTPProfile) throws {
        var (sender, receiver) = try HostileInputTests.contexts(profile)
        var factory = PacketFactory(seed: 11)
        let ssrc: UInt32 = 0x0BAD_F00D
        var plain = factory.rtp(ssrc: ssrc, sequenceNumber: 65_000, payload: 100)
        var first = plain
        try sender.protectRTP(&first)
        try receiver.unprotectRTP(&first)
        #expect(first == plain)

        // Forgeries: genuine layout and SSRC, sequence numbers jumping anywhere, tags that cannot verify.
        for jump in [1, 535, 536, 1_000, 32_767, 32_768, 32_769, 40_000, 65_535] {
            var forged = factory.rtp(ssrc: ssrc, sequenceNumber: UInt16(truncatingIfNeeded: 65_000 + jump), payload: 100)
            forged += [UInt8](repeating: 0xA5, count: profile.rtpTagLength)
            // Refused before decryption either way: the tag fails, or the estimated index lies behind the window.
            switch HostileInputTests.refusal(&receiver, forged) {
            case .authenticationFailed?, .tooOld?: break
            case let other: Issue.record("jump \(jump): \(String(describing: other))")
            }
        }
        // The stream still expects what the sender sends next, ROC 0 → 1 across the wrap included.
        for sequence in [65_001, 65_535, 0, 1, 2] {
            plain = factory.rtp(ssrc: ssrc, sequenceNumber: UInt16(sequence), payload: 100)
            var packet = plain
            try sender.protectRTP(&packet)
            try receiver.unprotectRTP(&packet)
            #expect(packet == plain, "sequence \(sequence)")
        }
        #expect(receiver.streamCount == 1)
    }
}
