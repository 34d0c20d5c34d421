import BrookCrypto
import Testing

@testable import BrookSRTP

/// The contexts end to end: DTLS-SRTP key split (RFC 5764 §4.2), ROC across the wrap, replay
/// (RFC 3711 §3.3.2), limits, and the rule that a failed call changes nothing.
@Suite struct SRTPContextTests {
    static func keyingMaterial(_ profile: SRTPProfile) -> [UInt8] {
        (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    static func pair(_ profile: SRTPProfile, _ configuration: SRTPConfiguration = SRTPConfiguration()) throws
        -> (client: (outbound: SRTPOutboundContext, inbound: SRTPInboundContext),
            server: (outbound: SRTPOutboundContext, inbound: SRTPInboundContext)) {
        let material = keyingMaterial(profile)
        return (try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .client).makeContexts(configuration: configuration),
                try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .server).makeContexts(configuration: configuration))
    }

    static func rtp(ssrc: UInt32 = 0x1234_5678, sequenceNumber: UInt16, payload: Int = 20) -> [UInt8] {
        var factory = PacketFactory(seed: UInt64(sequenceNumber) << 32 | UInt64(ssrc))
        return factory.rtp(ssrc: ssrc, sequenceNumber: sequenceNumber, payload: payload)
    }

    /// RFC 5764 §4.2: client key ‖ server key ‖ client salt ‖ server salt; each side writes with its own.
    @Test(arguments: SRTPProfile.allCases)
    func dtlsKeySplit(profile: SRTPProfile) throws {
        let material = Self.keyingMaterial(profile)
        let k = profile.masterKeyLength, s = profile.masterSaltLength
        let clientKey = try SRTPMasterKey(profile: profile, key: material[0..<k], salt: material[(2 * k)..<(2 * k + s)])
        let serverKey = try SRTPMasterKey(profile: profile, key: material[k..<(2 * k)], salt: material[(2 * k + s)...])
        var byHand = (client: try SRTPOutboundContext(masterKey: clientKey), server: try SRTPOutboundContext(masterKey: serverKey))
        var (client, server) = try Self.pair(profile)
        let plain = Self.rtp(sequenceNumber: 7)
        var a = plain, b = plain, c = plain, d = plain
        try client.outbound.protectRTP(&a)
        try byHand.client.protectRTP(&b)
        try server.outbound.protectRTP(&c)
        try byHand.server.protectRTP(&d)
        #expect(a == b && c == d && a != c)
        // The server reads what the client wrote, and the other way round; not its own.
        var own = c
        #expect(throws: SRTPError.authenticationFailed(ssrc: 0x1234_5678, index: 7)) { try server.inbound.unprotectRTP(&own) }
        #expect(own == c)
        var fromClient = a
        try server.inbound.unprotectRTP(&fromClient)
        #expect(fromClient == plain)
        var fromServer = c
        try client.inbound.unprotectRTP(&fromServer)
        #expect(fromServer == plain)
        #expect(profile.keyingMaterialLength == [1: 60, 2: 60, 7: 56, 8: 88][profile.identifier])
    }

    @Test func wrongKeyLengths() {
        #expect(throws: SRTPError.invalidKeyLength(expected: 60, actual: 59)) {
            try DTLSSRTPKeys(profile: .aes128CmHmacSha1_80, keyingMaterial: [UInt8](repeating: 1, count: 59), role: .client)
        }
        #expect(throws: SRTPError.invalidKeyLength(expected: 88, actual: 56)) {
            try DTLSSRTPKeys(profile: .aeadAes256Gcm, keyingMaterial: [UInt8](repeating: 1, count: 56), role: .server)
        }
        #expect(throws: SRTPError.invalidKeyLength(expected: 12, actual: 14)) {
            try SRTPMasterKey(profile: .aeadAes128Gcm, key: [UInt8](repeating: 0, count: 16), salt: [UInt8](repeating: 0, count: 14))
        }
        #expect(throws: SRTPError.invalidKeyLength(expected: 30, actual: 31)) {
            try SRTPMasterKey(profile: .aes128CmHmacSha1_32, keyAndSalt: [UInt8](repeating: 0, count: 31))
        }
        #expect(SRTPProfile(identifier: 0x0005) == nil && SRTPProfile(identifier: 0x0008) == .aeadAes256Gcm)
    }

    @Test func invalidConfiguration() throws {
        let key = try SRTPMasterKey(profile: .aeadAes128Gcm, keyAndSalt: [UInt8](repeating: 9, count: 28))
        #expect(throws: SRTPError.self) { try SRTPInboundContext(masterKey: key, configuration: .init(replayWindowSize: 63)) }
        #expect(throws: SRTPError.self) { try SRTPInboundContext(masterKey: key, configuration: .init(replayWindowSize: 40_000)) }
        #expect(throws: SRTPError.self) { try SRTPOutboundContext(masterKey: key, configuration: .init(maximumStreams: 0)) }
    }

    /// From ROC 1, SEQ 65,000 (state set on both sides), 2,000 packets: ROC reaches 2 on both
    /// sides and the peers keep agreeing (RFC 3711 §3.3.1).
    @Test(arguments: SRTPProfile.allCases)
    func rolloverFromOneToTwo(profile: SRTPProfile) throws {
        var (client, server) = try Self.pair(profile)
        var start = ReplayWindow(size: 128)
        start.accept(1 << 16 | 64_999)
        client.outbound.rtpStreams.windows[0xABCD_EF01] = start
        server.inbound.rtpStreams.windows[0xABCD_EF01] = start
        var sequence: UInt16 = 65_000
        var packet = [UInt8]()
        packet.reserveCapacity(64)
        for n in 0..<2_000 {
            packet.removeAll(keepingCapacity: true)
            packet += [0x80, 0x60, UInt8(sequence >> 8), UInt8(truncatingIfNeeded: sequence), 0, 0, 0, 1, 0xAB, 0xCD, 0xEF, 0x01, UInt8(truncatingIfNeeded: n)]
            let plain = packet
            try client.outbound.protectRTP(&packet)
            try server.inbound.unprotectRTP(&packet)
            if packet != plain { Issue.record("packet \(n) differs"); break }
            sequence &+= 1
        }
        #expect(server.inbound.rolloverCounter(ssrc: 0xABCD_EF01) == 2)
        #expect(server.inbound.rolloverCounter(ssrc: 0x0BAD_F00D) == nil)
    }

    @Test(arguments: SRTPProfile.allCases)
    func replayIsRefusedAndChangesNothing(profile: SRTPProfile) throws {
        var (client, server) = try Self.pair(profile)
        var first = Self.rtp(sequenceNumber: 100)
        try client.outbound.protectRTP(&first)
        var copy = first
        try server.inbound.unprotectRTP(&copy)
        var again = first
        #expect(throws: SRTPError.replayed(ssrc: 0x1234_5678, index: 100)) { try server.inbound.unprotectRTP(&again) }
        #expect(again == first)
        // The sender refuses to reuse an index: a GCM nonce or AES-CM keystream would repeat.
        var reused = Self.rtp(sequenceNumber: 100)
        #expect(throws: SRTPError.indexReused(ssrc: 0x1234_5678, index: 100)) { try client.outbound.protectRTP(&reused) }
        #expect(reused == Self.rtp(sequenceNumber: 100))
        // SRTCP too.
        var reportFactory = PacketFactory(seed: 1)
        var report = reportFactory.rtcp(ssrc: 0x1234_5678)
        try client.outbound.protectRTCP(&report)
        var reportCopy = report
        try server.inbound.unprotectRTCP(&reportCopy)
        reportCopy = report
        #expect(throws: SRTPError.replayed(ssrc: 0x1234_5678, index: 0)) { try server.inbound.unprotectRTCP(&reportCopy) }
        #expect(reportCopy == report)
    }

    /// The window size is configurable: 128 refuses a packet 200 behind, 256 accepts it.
    @Test func replayWindowSize() throws {
        for (size, accepted) in [(128, false), (256, true)] {
            var (client, server) = try Self.pair(.aes128CmHmacSha1_80, SRTPConfiguration(replayWindowSize: size))
            var packets: [[UInt8]] = []
            for sequence in UInt16(0)...300 {
                var p = Self.rtp(sequenceNumber: sequence)
                try client.outbound.protectRTP(&p)
                packets.append(p)
            }
            var latest = packets[300]
            try server.inbound.unprotectRTP(&latest)
            var late = packets[100]
            if accepted {
                try server.inbound.unprotectRTP(&late)
                #expect(late == Self.rtp(sequenceNumber: 100))
            } else {
                #expect(throws: SRTPError.tooOld(ssrc: 0x1234_5678, index: 100)) { try server.inbound.unprotectRTP(&late) }
            }
        }
    }

    @Test func streamCapAndForgedFirstPackets() throws {
        var (client, server) = try Self.pair(.aeadAes128Gcm, SRTPConfiguration(maximumStreams: 2))
        var forged = Self.rtp(ssrc: 77, sequenceNumber: 1) + [UInt8](repeating: 0, count: 16)
        #expect(throws: SRTPError.authenticationFailed(ssrc: 77, index: 1)) { try server.inbound.unprotectRTP(&forged) }
        #expect(server.inbound.streamCount == 0, "a packet that fails authentication creates no stream")
        for ssrc: UInt32 in [1, 2] {
            var p = Self.rtp(ssrc: ssrc, sequenceNumber: 5)
            try client.outbound.protectRTP(&p)
            try server.inbound.unprotectRTP(&p)
        }
        var third = Self.rtp(ssrc: 3, sequenceNumber: 5)
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try client.outbound.protectRTP(&third) }
        #expect(third == Self.rtp(ssrc: 3, sequenceNumber: 5), "the array is restored on failure")
        var other = try SRTPOutboundContext(masterKey: DTLSSRTPKeys(profile: .aeadAes128Gcm, keyingMaterial: Self.keyingMaterial(.aeadAes128Gcm), role: .client).local)
        try other.protectRTP(&third)
        let protectedThird = third
        #expect(throws: SRTPError.tooManyStreams(maximum: 2)) { try server.inbound.unprotectRTP(&third) }
        #expect(third == protectedThird)
        var known = Self.rtp(ssrc: 2, sequenceNumber: 6)
        try client.outbound.protectRTP(&known)
        try server.inbound.unprotectRTP(&known)
        #expect(server.inbound.streamCount == 2 && client.outbound.streamCount == 2)
    }

    @Test func bufferTooSmallChangesNothing() throws {
        var (client, _) = try Self.pair(.aes128CmHmacSha1_80)
        var storage = Self.rtp(sequenceNumber: 1, payload: 30) + [UInt8](repeating: 0, count: 9)  // one byte short of the tag
        let before = storage
        let length = before.count - 9
        #expect(throws: SRTPError.bufferTooSmall(needed: length + 10, available: length + 9)) {
            _ = try storage.withUnsafeMutableBytes { try client.outbound.protectRTP($0, length: length) }
        }
        #expect(storage == before)
        #expect(client.outbound.streamCount == 0)
        #expect(throws: SRTPError.bufferTooSmall(needed: 100, available: before.count)) {
            _ = try storage.withUnsafeMutableBytes { try client.outbound.protectRTP($0, length: 100) }
        }
    }

    /// RFC 3711 §3.4, §9.2 and RFC 7714 §13.1: the sender stops at the end of the index space.
    @Test func indexExhaustion() throws {
        var (client, _) = try Self.pair(.aes128CmHmacSha1_32)
        var factory = PacketFactory(seed: 2)
        var report = factory.rtcp(ssrc: 9)
        client.outbound.rtcpNextIndex[9] = PacketIndex.maximumRTCP
        try client.outbound.protectRTCP(&report)
        var next = factory.rtcp(ssrc: 9)
        #expect(throws: SRTPError.keyExhausted(ssrc: 9)) { try client.outbound.protectRTCP(&next) }

        var window = ReplayWindow(size: 128)
        window.accept(PacketIndex.maximum - 1)          // ROC 2^32 − 1, SEQ 0xfffe
        client.outbound.rtpStreams.windows[9] = window
        var last = Self.rtp(ssrc: 9, sequenceNumber: 0xFFFF)
        try client.outbound.protectRTP(&last)
        var wrapped = Self.rtp(ssrc: 9, sequenceNumber: 0)
        #expect(throws: SRTPError.keyExhausted(ssrc: 9)) { try client.outbound.protectRTP(&wrapped) }
    }

    /// RFC 3711 §3.4: an SRTCP packet sent with E = 0 is authenticated but not encrypted. Built
    /// here by hand from the derived session keys and BrookCrypto's HMAC-SHA1.
    @Test(arguments: [SRTPProfile.aes128CmHmacSha1_80, .aes128CmHmacSha1_32])
    func unencryptedSRTCP(profile: SRTPProfile) throws {
        let master = try SRTPMasterKey(profile: profile, keyAndSalt: (0..<30).map { UInt8($0) })
        let keys = SRTPSessionKeys(deriving: master)
        var factory = PacketFactory(seed: 4)
        let plain = factory.rtcp(ssrc: 0xCAFE_F00D)
        var packet = plain + [0x00, 0x00, 0x00, 0x2A]          // E = 0, index 42
        let tag = HMAC<Insecure.SHA1>.authenticationCode(for: packet, using: SymmetricKey(data: keys.rtcpAuthenticationKey))
        packet += Array(Array(tag).prefix(10))
        var receiver = try SRTPInboundContext(masterKey: master)
        var claimsEncrypted = packet
        claimsEncrypted[plain.count] = 0x80                    // E = 1: the tag no longer matches
        #expect(throws: SRTPError.authenticationFailed(ssrc: 0xCAFE_F00D, index: 42)) { try receiver.unprotectRTCP(&claimsEncrypted) }
        try receiver.unprotectRTCP(&packet)
        #expect(packet == plain)
    }
}
