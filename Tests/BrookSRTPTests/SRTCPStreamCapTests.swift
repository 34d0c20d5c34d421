import BrookCrypto
import Testing

@testable import BrookSRTP

/// The cap on SSRCs (`SRTPConfiguration.maximumStreams`) applies to SRTCP as well, counted apart
/// from SRTP: a report from one SSRC too many is refused with `.tooManyStreams` on both sides, and
/// the refusal changes neither the packet nor the context.
@Suite struct SRTCPStreamCapTests {
    static func report(ssrc: UInt32, seed: UInt64 = 1) -> [UInt8] {
        var factory = PacketFactory(seed: seed ^ UInt64(ssrc))
        return factory.rtcp(ssrc: ssrc)
    }

    @Test(arguments: SRTPProfile.allCases)
    func cap(profile: SRTPProfile) throws {
        var (client, server) = try SRTPContextTests.pair(profile, SRTPConfiguration(maximumStreams: 2))
        // A forged report creates no stream.
        var forged = Self.report(ssrc: 90) + [0x80, 0, 0, 1] + [UInt8](repeating: 0, count: profile.rtcpTagLength)
        if profile.isAEAD {   // RFC 7714 §9: the tag comes before E ‖ index
            forged = Self.report(ssrc: 90) + [UInt8](repeating: 0, count: 16) + [0x80, 0, 0, 1]
        }
        #expect(throws: SRTPError.authenticationFailed(ssrc: 90, index: 1)) { try server.inbound.unprotectRTCP(&forged) }
        #expect(server.inbound.streamCount == 0)

        for ssrc: UInt32 in [1, 2] {
            var packet = Self.report(ssrc: ssrc)
            try client.outbound.protectRTCP(&packet)
            try server.inbound.unprotectRTCP(&packet)
            #expect(packet == Self.report(ssrc: ssrc))
        }
        #expect(client.outbound.streamCount == 2 && server.inbound.streamCount == 2)

        // Sender: a third SSRC is refused, its packet restored, no index spent.
        var third = Self.report(ssrc: 3)
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try client.outbound.protectRTCP(&third) }
        #expect(third == Self.report(ssrc: 3))
        #expect(client.outbound.streamCount == 2 && client.outbound.rtcpNextIndex[3] == nil)

        // Receiver: a genuine report of a third SSRC (from a sender without the cap) is refused too.
        var uncapped = try SRTPOutboundContext(masterKey: DTLSSRTPKeys(
            profile: profile, keyingMaterial: SRTPContextTests.keyingMaterial(profile), role: .client).local)
        var protectedThird = Self.report(ssrc: 3)
        try uncapped.protectRTCP(&protectedThird)
        var delivered = protectedThird
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try server.inbound.unprotectRTCP(&delivered) }
        #expect(delivered == protectedThird)
        #expect(server.inbound.streamCount == 2 && server.inbound.rtcpStreams.windows[3] == nil)

        // Known SSRCs go on working after the refusals.
        for ssrc: UInt32 in [1, 2] {
            var packet = Self.report(ssrc: ssrc, seed: 2)
            try client.outbound.protectRTCP(&packet)
            try server.inbound.unprotectRTCP(&packet)
            #expect(packet == Self.report(ssrc: ssrc, seed: 2))
        }
    }

    /// SRTP and SRTCP are counted apart: two RTP streams and two other RTCP streams fit a cap of 2.
    @Test func countedApartFromSRTP() throws {
        var (client, server) = try SRTPContextTests.pair(.aes128CmHmacSha1_80, SRTPConfiguration(maximumStreams: 2))
        for ssrc: UInt32 in [10, 11] {
            var packet = SRTPContextTests.rtp(ssrc: ssrc, sequenceNumber: 1)
            try client.outbound.protectRTP(&packet)
            try server.inbound.unprotectRTP(&packet)
        }
        for ssrc: UInt32 in [20, 21] {
            var packet = Self.report(ssrc: ssrc)
            try client.outbound.protectRTCP(&packet)
            try server.inbound.unprotectRTCP(&packet)
        }
        #expect(server.inbound.rtpStreams.count == 2 && server.inbound.rtcpStreams.count == 2)
        #expect(server.inbound.streamCount == 4 && client.outbound.streamCount == 4)
        var extra = Self.report(ssrc: 22)
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try client.outbound.protectRTCP(&extra) }
        var extraRTP = SRTPContextTests.rtp(ssrc: 12, sequenceNumber: 1)
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try client.outbound.protectRTP(&extraRTP) }
    }
}
