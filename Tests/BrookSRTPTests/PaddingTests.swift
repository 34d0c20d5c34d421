import BrookTestSupport
import BrookVectors
import Foundation
import Testing

@testable import BrookSRTP

/// RFC 3550 §5.1 padding (P set, padding octets after the payload, the last one their count) is
/// payload to SRTP (RFC 3711 §3.1: the encrypted portion includes the RTP padding): protect encrypts
/// it with the payload and unprotect gives it back intact, byte-equal with libsrtp2.
@Suite struct PaddingTests {
    /// Padding lengths with the edges drawn: 1, 4, 255, and random ones.
    static func paddingLength(_ n: Int, _ factory: inout PacketFactory) -> Int {
        n < 3 ? [1, 4, 255][n] : factory.int(1...255)
    }

    @Test(arguments: SRTPProfile.allCases)
    func encryptedAndRestored(profile: SRTPProfile) throws {
        var (client, server) = try SRTPContextTests.pair(profile)
        var factory = PacketFactory(seed: 0xBAD ^ UInt64(profile.identifier))
        for n in 0..<40 {
            let padding = Self.paddingLength(n, &factory)
            let plain = factory.rtp(ssrc: 0xFEED_0001, sequenceNumber: UInt16(1000 + n), payload: factory.int(0...300), padding: padding)
            #expect(plain[0] & 0x20 != 0 && rtpPaddingLength(plain) == padding)
            var packet = plain
            try client.outbound.protectRTP(&packet)
            // The padding travels encrypted: with 8 or more octets, the chance it reads the same is 2^-64.
            if padding >= 8 {
                #expect(packet[(plain.count - padding)..<plain.count] != plain[(plain.count - padding)..<plain.count], "padding \(padding) in the clear")
            }
            try server.inbound.unprotectRTP(&packet)
            #expect(packet == plain, "packet \(n)")
            #expect(packet[0] & 0x20 != 0 && rtpPaddingLength(packet) == padding, "padding kept after unprotect")
        }
    }

    @Test("every RTP packet padded: our protect equals libsrtp's, and each side unprotects the other's with the padding intact")
    func libSRTPAgrees() throws {
        guard TestEnvironment.requirePythonModule("pylibsrtp") else { return }
        var factory = PacketFactory(seed: 0x9AD)
        var sessions: [(profile: SRTPProfile, key: [UInt8], rtp: [[UInt8]], srtp: [[UInt8]])] = []
        var input = Data()
        for profile in SRTPProfile.allCases {
            let key = factory.rng.bytes(profile.masterKeyLength + profile.masterSaltLength)
            var sender = try SRTPOutboundContext(masterKey: SRTPMasterKey(profile: profile, keyAndSalt: key))
            var rtp: [[UInt8]] = [], srtp: [[UInt8]] = []
            for n in 0..<60 {
                let packet = factory.rtp(ssrc: 0xABCD_0001, sequenceNumber: UInt16(truncatingIfNeeded: 65_500 + n),
                                         payload: factory.payloadSize(), padding: Self.paddingLength(n, &factory))
                var protected = packet
                try sender.protectRTP(&protected)
                rtp.append(packet)
                srtp.append(protected)
            }
            sessions.append((profile, key, rtp, srtp))
            let request: [String: Any] = ["profile": Int(profile.identifier), "key": key.hexString,
                                          "rtp": rtp.map(\.hexString), "srtp": srtp.map(\.hexString)]
            input.append(try JSONSerialization.data(withJSONObject: request))
            input.append(0x0A)
        }
        let output = try ExternalProcess.run(TestEnvironment.python, [TestEnvironment.oracleScript("srtp.py")], input: [UInt8](input))
        let lines = output.stdoutText.split(separator: "\n")
        try #require(lines.count == sessions.count)
        for (s, line) in zip(sessions, lines) {
            let response = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String]])
            #expect(response["srtp"] == s.srtp.map(\.hexString), "\(s.profile): libsrtp's protection of padded packets differs")
            #expect(response["rtp"] == s.rtp.map(\.hexString), "\(s.profile): libsrtp's unprotection of ours lost the padding")
            var receiver = try SRTPInboundContext(masterKey: SRTPMasterKey(profile: s.profile, keyAndSalt: s.key))
            for (n, theirs) in try #require(response["srtp"]).enumerated() {
                var packet = [UInt8](hex: theirs)
                try receiver.unprotectRTP(&packet)
                #expect(packet == s.rtp[n] && rtpPaddingLength(packet) == rtpPaddingLength(s.rtp[n]), "\(s.profile) packet \(n)")
            }
        }
    }
}
