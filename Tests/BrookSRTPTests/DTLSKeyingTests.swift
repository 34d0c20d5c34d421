import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookTestSupport
import BrookX509
import Testing

@testable import BrookSRTP

/// DTLS-SRTP end to end (RFC 5764 §4.2): two BrookDTLS endpoints handshake in memory, each takes
/// the SRTP keying material of its `connected` event into BrookSRTP contexts, and RTP and RTCP
/// cross both ways under the negotiated profile.
@Suite("SRTP keyed by a BrookDTLS handshake")
struct DTLSKeyingTests {
    struct Identity {
        let key: P256.Signing.PrivateKey
        let certificate: Certificate

        init(seed: UInt64) throws {
            var rng = SeededGenerator(seed: seed)
            key = P256.Signing.PrivateKey(using: &rng)
            certificate = try Certificate.selfSigned(
                privateKey: key, commonName: "WebRTC",
                notBefore: try UTCDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                notAfter: try UTCDateTime(year: 2026, month: 2, day: 1, hour: 0, minute: 0, second: 0), using: &rng)
        }

        func configuration(expecting peer: Identity, profile: SRTPProtectionProfile) -> DTLSConfiguration {
            var configuration = DTLSConfiguration(certificate: certificate, privateKey: key,
                                                  peerVerification: .fingerprints([CertificateFingerprint(certificate: peer.certificate)]))
            configuration.srtpProfiles = [profile]
            return configuration
        }
    }

    /// Handshakes a client and a server offering only `profile`; returns both negotiated parameter sets
    /// and the connections (for their exporters).
    static func handshake(_ profile: SRTPProtectionProfile, seed: UInt64) throws
        -> (client: DTLSConnection, server: DTLSConnection, clientNegotiated: DTLSNegotiated, serverNegotiated: DTLSNegotiated) {
        let clientIdentity = try Identity(seed: seed), serverIdentity = try Identity(seed: seed &+ 1)
        var client = DTLSConnection(role: .client, configuration: clientIdentity.configuration(expecting: serverIdentity, profile: profile),
                                    now: .zero, rng: SeededGenerator(seed: seed &+ 2))
        var server = DTLSConnection(role: .server, configuration: serverIdentity.configuration(expecting: clientIdentity, profile: profile),
                                    now: .zero, rng: SeededGenerator(seed: seed &+ 3))
        var clientNegotiated: DTLSNegotiated?, serverNegotiated: DTLSNegotiated?
        func drain(_ connection: inout DTLSConnection, _ negotiated: inout DTLSNegotiated?) -> [[UInt8]] {
            var datagrams: [[UInt8]] = []
            while let output = connection.pollOutput() {
                switch output {
                case .transmit(let datagram): datagrams.append(datagram)
                case .event(.connected(let parameters)): negotiated = parameters
                case .event(.closed(let reason)): Issue.record("closed during the handshake: \(reason)")
                default: break
                }
            }
            return datagrams
        }
        for _ in 0..<20 {
            let toServer = drain(&client, &clientNegotiated)
            for datagram in toServer { server.handle(datagram: datagram, now: .zero) }
            let toClient = drain(&server, &serverNegotiated)
            for datagram in toClient { client.handle(datagram: datagram, now: .zero) }
            if toServer.isEmpty && toClient.isEmpty { break }
        }
        return (client, server, try #require(clientNegotiated, "the client connected"), try #require(serverNegotiated, "the server connected"))
    }

    /// The contexts one endpoint builds from its `connected` event: protect with the local key and
    /// salt, unprotect with the remote ones.
    static func contexts(_ keying: SRTPKeyingMaterial) throws -> (profile: SRTPProfile, outbound: SRTPOutboundContext, inbound: SRTPInboundContext) {
        let profile = try #require(SRTPProfile(identifier: keying.profile.rawValue))
        let local = try SRTPMasterKey(profile: profile, key: keying.localMasterKey, salt: keying.localMasterSalt)
        let remote = try SRTPMasterKey(profile: profile, key: keying.remoteMasterKey, salt: keying.remoteMasterSalt)
        return (profile, try SRTPOutboundContext(masterKey: local), try SRTPInboundContext(masterKey: remote))
    }

    @Test("Every profile: the handshake's keys carry RTP and RTCP both ways, and match the RFC 5705 exporter split",
          arguments: SRTPProtectionProfile.allCases)
    func bothDirections(_ dtlsProfile: SRTPProtectionProfile) throws {
        let (client, server, clientNegotiated, serverNegotiated) = try Self.handshake(dtlsProfile, seed: UInt64(dtlsProfile.rawValue) << 8)
        let clientKeying = try #require(clientNegotiated.srtp), serverKeying = try #require(serverNegotiated.srtp)
        #expect(clientKeying.profile == dtlsProfile && serverKeying.profile == dtlsProfile)
        // Each side's local key is the other's remote key.
        #expect(clientKeying.localMasterKey == serverKeying.remoteMasterKey && clientKeying.localMasterSalt == serverKeying.remoteMasterSalt)
        #expect(clientKeying.remoteMasterKey == serverKeying.localMasterKey && clientKeying.remoteMasterSalt == serverKeying.localMasterSalt)
        #expect(clientKeying.localMasterKey != clientKeying.remoteMasterKey)

        var a = try Self.contexts(clientKeying), b = try Self.contexts(serverKeying)
        #expect(a.profile.identifier == dtlsProfile.rawValue)
        var factory = PacketFactory(seed: UInt64(dtlsProfile.rawValue))
        for (from, direction) in [(0, "client → server"), (1, "server → client")] {
            for n in 0..<50 {
                let ssrc: UInt32 = from == 0 ? 0xC11E_0001 : 0x5E7E_0002
                let plain = factory.rtp(ssrc: ssrc, sequenceNumber: UInt16(truncatingIfNeeded: 65_510 + n), payload: factory.payloadSize())
                var packet = plain
                if from == 0 { try a.outbound.protectRTP(&packet) } else { try b.outbound.protectRTP(&packet) }
                #expect(packet.count == plain.count + a.profile.rtpOverhead && packet != plain, "\(direction) RTP \(n) is protected")
                // The sender's own inbound context holds the peer's key: it cannot read its own packets.
                var own = packet
                if from == 0 { #expect(throws: SRTPError.self) { try a.inbound.unprotectRTP(&own) } }
                if from == 0 { try b.inbound.unprotectRTP(&packet) } else { try a.inbound.unprotectRTP(&packet) }
                #expect(packet == plain, "\(direction) RTP \(n)")
            }
            for n in 0..<10 {
                let plain = factory.rtcp(ssrc: from == 0 ? 0xC11E_0001 : 0x5E7E_0002)
                var packet = plain
                if from == 0 { try a.outbound.protectRTCP(&packet) } else { try b.outbound.protectRTCP(&packet) }
                #expect(packet.count == plain.count + a.profile.rtcpOverhead, "\(direction) RTCP \(n)")
                if from == 0 { try b.inbound.unprotectRTCP(&packet) } else { try a.inbound.unprotectRTCP(&packet) }
                #expect(packet == plain, "\(direction) RTCP \(n)")
            }
        }
        #expect(b.inbound.rolloverCounter(ssrc: 0xC11E_0001) == 1 && a.inbound.rolloverCounter(ssrc: 0x5E7E_0002) == 1)

        // The same keys through BrookSRTP's own split of the exporter output (RFC 5764 §4.2): the
        // client's packets protected either way are byte-equal.
        let length = a.profile.keyingMaterialLength
        let clientExport = try client.exportKeyingMaterial(label: SRTPKeyingMaterial.exporterLabel, length: length)
        let serverExport = try server.exportKeyingMaterial(label: SRTPKeyingMaterial.exporterLabel, length: length)
        #expect(clientExport == serverExport)
        var split = try DTLSSRTPKeys(profile: a.profile, keyingMaterial: clientExport, role: .client).makeContexts()
        var fresh = try Self.contexts(clientKeying)
        let plain = factory.rtp(ssrc: 0xC11E_0003, sequenceNumber: 1, payload: 100)
        var viaSplit = plain, viaEvent = plain
        try split.outbound.protectRTP(&viaSplit)
        try fresh.outbound.protectRTP(&viaEvent)
        #expect(viaSplit == viaEvent)
    }
}
