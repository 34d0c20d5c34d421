import BrookTestSupport
import Testing
@testable import BrookICE

/// RFC 7983 §7 (with RFC 9443 §3) first-byte demultiplexing.
@Suite("RFC 7983 demultiplexing")
struct DemuxTests {
    @Test("every first byte lands in its RFC 7983 range")
    func everyFirstByte() {
        for first in 0...255 {
            let kind = DatagramKind(classifying: [UInt8(first), 96, 0, 0])
            switch first {
            case 0...3: #expect(kind == .stun)
            case 16...19: #expect(kind == .zrtp)
            case 20...63: #expect(kind == .dtls)
            case 64...79: #expect(kind == .turnChannel)
            case 128...191: #expect(kind == .rtp)
            default: #expect(kind == .unknown, "\(first)")
            }
        }
    }

    @Test("RFC 5761 §4: packet types 192-223 are RTCP")
    func rtcpByPayloadType() {
        #expect(DatagramKind(classifying: [0x80, 200]) == .rtcp)   // SR
        #expect(DatagramKind(classifying: [0x81, 205]) == .rtcp)   // RTPFB
        #expect(DatagramKind(classifying: [0x80, 111]) == .rtp)    // Opus
        #expect(DatagramKind(classifying: [0x80, 0xE0]) == .rtp)   // PT 96 with the marker bit
        #expect(DatagramKind(classifying: [0x80]) == .unknown)
        #expect(DatagramKind(classifying: []) == .unknown)
    }

    @Test("STUN detection by magic cookie")
    func stunCookie() throws {
        var rng = SeededGenerator(seed: 7)
        let message = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng)).encode()
        #expect(STUNMessage.isSTUN(message))
        var wrongCookie = message
        wrongCookie[4] ^= 1
        #expect(!STUNMessage.isSTUN(wrongCookie))
        #expect(!STUNMessage.isSTUN(message.prefix(19)))
        // RFC 7983 §7: only a first byte of 0-3 is STUN, even with the magic cookie in place (found by the stun fuzz target).
        for first: UInt8 in [4, 0x14, 0x16, 0x3F] {
            var other = message
            other[0] = first
            #expect(!STUNMessage.isSTUN(other), "first byte \(first)")
            #expect(DatagramKind(classifying: other) != .stun)
        }
    }
}
