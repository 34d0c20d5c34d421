import BrookTestSupport
import Testing

@testable import BrookSRTP

/// Hostile input: truncated, bit-flipped, malformed and random packets. Every one must end in a
/// typed error with the buffer and the context unchanged, and never trap.
@Suite struct HostileInputTests {
    static func contexts(_ profile: SRTPProfile) throws -> (SRTPOutboundContext, SRTPInboundContext) {
        let keys = try DTLSSRTPKeys(
            profile: profile, keyingMaterial: (0..<profile.keyingMaterialLength).map { UInt8($0) }, role: .client)
        return (try SRTPOutboundContext(masterKey: keys.local), try SRTPInboundContext(masterKey: keys.local))
    }

    /// Unprotects `packet` in a copy; returns the error, and checks the copy is untouched on error.
    static func refusal(_ receiver: inout SRTPInboundContext, _ packet: [UInt8], rtcp: Bool = false,
                        sourceLocation: SourceLocation = #_sourceLocation) -> SRTPError? {
        var copy = packet
        do {
            if rtcp { try receiver.unprotectRTCP(&copy) } else { try receiver.unprotectRTP(&copy) }
            return nil
        } catch {
            #expect(copy == packet, "a refused packet must be left as it was", sourceLocation: sourceLocation)
            return error
        }
    }

    @Test(arguments: SRTPProfile.allCases)
    func everyTruncationAndBitFlipIsRefused(profile: SRTPProfile) throws {
        var (sender, receiver) = try Self.contexts(profile)
        var factory = PacketFactory(seed: UInt64(profile.identifier))
        let plain = factory.rtp(ssrc: 0x0102_0304, sequenceNumber: 500, payload: 40)
        var good = plain
        try sender.protectRTP(&good)
        var refused = 0
        for length in 0..<good.count {
            #expect(Self.refusal(&receiver, Array(good.prefix(length))) != nil, "truncated to \(length)")
            refused += 1
        }
        for bit in 0..<(good.count * 8) {
            var flipped = good
            flipped[bit / 8] ^= 1 << (bit % 8)
            #expect(Self.refusal(&receiver, flipped) != nil, "bit \(bit) flipped")
            refused += 1
        }
        #expect(receiver.streamCount == 0, "nothing refused may create a stream")
        // The context is unchanged: the genuine packet still goes through, once.
        var copy = good
        try receiver.unprotectRTP(&copy)
        #expect(copy == plain)
        #expect(refused == good.count * 9)

        // The same for SRTCP.
        let report = factory.rtcp(ssrc: 0x0102_0304)
        var protectedReport = report
        try sender.protectRTCP(&protectedReport)
        for length in 0..<protectedReport.count {
            #expect(Self.refusal(&receiver, Array(protectedReport.prefix(length)), rtcp: true) != nil)
        }
        for bit in 0..<(protectedReport.count * 8) {
            var flipped = protectedReport
            flipped[bit / 8] ^= 1 << (bit % 8)
            #expect(Self.refusal(&receiver, flipped, rtcp: true) != nil, "SRTCP bit \(bit) flipped")
        }
        copy = protectedReport
        try receiver.unprotectRTCP(&copy)
        #expect(copy == report)
    }

    @Test func malformedHeaders() throws {
        var (sender, receiver) = try Self.contexts(.aes128CmHmacSha1_80)
        // Version 1 and 3 (RFC 3550 §5.1).
        for first: UInt8 in [0x40, 0xC0, 0x00] {
            var packet: [UInt8] = [first, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 20)
            #expect(throws: SRTPError.unsupportedVersion(first >> 6)) { try sender.protectRTP(&packet) }
            #expect(Self.refusal(&receiver, packet) == .unsupportedVersion(first >> 6))
            #expect(Self.refusal(&receiver, packet, rtcp: true) == .unsupportedVersion(first >> 6))
        }
        // 15 CSRCs claimed, 2 present.
        var csrcs: [UInt8] = [0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 8)
        #expect(throws: SRTPError.packetTooShort(length: 20, minimum: 72)) { try sender.protectRTP(&csrcs) }
        #expect(Self.refusal(&receiver, csrcs + [UInt8](repeating: 0, count: 10)) == .packetTooShort(length: 30, minimum: 82))
        // An extension header cut short, and one whose length runs past the packet (RFC 8285).
        var noExtensionHeader: [UInt8] = [0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE]
        #expect(throws: SRTPError.packetTooShort(length: 13, minimum: 16)) { try sender.protectRTP(&noExtensionHeader) }
        var longExtension: [UInt8] = [0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0xFF, 0xFF, 1, 2, 3, 4]
        #expect(throws: SRTPError.packetTooShort(length: 20, minimum: 16 + 4 * 0xFFFF)) { try sender.protectRTP(&longExtension) }
        #expect(Self.refusal(&receiver, longExtension + [UInt8](repeating: 0, count: 10)) != nil)
        // A header that fills the packet exactly (empty payload) is fine.
        var headerOnly: [UInt8] = [0x91, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 9, 9, 9, 0xBE, 0xDE, 0, 1, 0x10, 0xAA, 0, 0]
        let plain = headerOnly
        try sender.protectRTP(&headerOnly)
        try receiver.unprotectRTP(&headerOnly)
        #expect(headerOnly == plain)
        // Too short for anything.
        #expect(Self.refusal(&receiver, []) == .packetTooShort(length: 0, minimum: 22))
        #expect(Self.refusal(&receiver, [], rtcp: true) == .packetTooShort(length: 0, minimum: 22))
        var empty: [UInt8] = []
        #expect(throws: SRTPError.packetTooShort(length: 0, minimum: 12)) { try sender.protectRTP(&empty) }
        #expect(throws: SRTPError.packetTooShort(length: 0, minimum: 8)) { try sender.protectRTCP(&empty) }
        #expect(empty.isEmpty)
    }

    @Test func oversizedPackets() throws {
        var (sender, receiver) = try Self.contexts(.aeadAes128Gcm)
        var huge = [UInt8](repeating: 0, count: SRTPLimits.maximumPacketLength)
        huge[0] = 0x80
        #expect(throws: SRTPError.packetTooLong(length: SRTPLimits.maximumPacketLength + 16, maximum: SRTPLimits.maximumPacketLength)) {
            try sender.protectRTP(&huge)
        }
        #expect(huge.count == SRTPLimits.maximumPacketLength)
        #expect(Self.refusal(&receiver, huge + [0]) == .packetTooLong(length: SRTPLimits.maximumPacketLength + 1, maximum: SRTPLimits.maximumPacketLength))
    }

    /// 20,000 random byte strings (half with a valid version) under every profile: all refused
    /// with a typed error, no stream created.
    @Test func randomGarbage() throws {
        var rng = SeededGenerator(seed: 0xBAD)
        for profile in SRTPProfile.allCases {
            var (_, receiver) = try Self.contexts(profile)
            for n in 0..<5_000 {
                var packet = rng.bytes(Int.random(in: 0...120, using: &rng))
                if n % 2 == 0, !packet.isEmpty { packet[0] = 0x80 | (packet[0] & 0x3F) }
                #expect(Self.refusal(&receiver, packet, rtcp: n % 3 == 0) != nil)
            }
            #expect(receiver.streamCount == 0)
        }
    }
}
