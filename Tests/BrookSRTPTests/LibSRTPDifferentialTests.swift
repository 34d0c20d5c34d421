import BrookTestSupport
import BrookVectors
import Foundation
import Testing

@testable import BrookSRTP

/// Byte-for-byte agreement with libsrtp2 (through pylibsrtp, Tests/Oracles/srtp.py) for every
/// profile, both directions, SRTP and SRTCP: random keys, SSRCs, header shapes and payload sizes
/// 0–1400, sequence numbers crossing 65535 (ROC 0 → 1), delivery with neighbours swapped.
@Suite struct LibSRTPDifferentialTests {
    static let sessionsPerProfile = 6
    static let packetsPerSSRC = 40
    static let rtcpPerSSRC = 5

    struct Session {
        var profile: SRTPProfile
        var keyAndSalt: [UInt8]
        var rtp: [[UInt8]] = []                // plaintext, in sending order
        var srtp: [[UInt8]] = []               // ours, in sending order
        var receiveOrder: [Int] = []           // a permutation of rtp's indices, neighbours swapped
        var rtcp: [[UInt8]] = []
        var srtcp: [[UInt8]] = []
        var rtcpReceiveOrder: [Int] = []
    }

    static func swappedNeighbours(_ count: Int, _ factory: inout PacketFactory) -> [Int] {
        var order = Array(0..<count)
        var i = 0
        while i + 1 < count {
            if factory.chance(4) { order.swapAt(i, i + 1); i += 2 } else { i += 1 }
        }
        return order
    }

    static func makeSession(_ profile: SRTPProfile, _ factory: inout PacketFactory) throws -> Session {
        var session = Session(profile: profile, keyAndSalt: factory.rng.bytes(profile.masterKeyLength + profile.masterSaltLength))
        let ssrcs = [UInt32.random(in: 0...UInt32.max, using: &factory.rng), UInt32.random(in: 0...UInt32.max, using: &factory.rng)]
        var nextSequence = ssrcs.map { _ in UInt16(65_535 - factory.int(0...25)) }
        var sender = try SRTPOutboundContext(masterKey: SRTPMasterKey(profile: profile, keyAndSalt: session.keyAndSalt))
        // libsrtp numbers a stream's first SRTCP packet 1; spend index 0 so both sides agree.
        for ssrc in ssrcs {
            var throwaway = factory.rtcp(ssrc: ssrc)
            try sender.protectRTCP(&throwaway)
        }
        for _ in 0..<(packetsPerSSRC * ssrcs.count) {
            let which = factory.int(0...1)
            var packet = factory.rtp(ssrc: ssrcs[which], sequenceNumber: nextSequence[which], payload: factory.payloadSize())
            nextSequence[which] &+= 1
            session.rtp.append(packet)
            try sender.protectRTP(&packet)
            session.srtp.append(packet)
        }
        for _ in 0..<(rtcpPerSSRC * ssrcs.count) {
            var packet = factory.rtcp(ssrc: ssrcs[factory.int(0...1)])
            session.rtcp.append(packet)
            try sender.protectRTCP(&packet)
            session.srtcp.append(packet)
        }
        session.receiveOrder = swappedNeighbours(session.rtp.count, &factory)
        session.rtcpReceiveOrder = swappedNeighbours(session.rtcp.count, &factory)
        return session
    }

    @Test func everyProfileBothDirections() throws {
        guard TestEnvironment.requirePythonModule("pylibsrtp") else { return }
        var factory = PacketFactory(seed: 0x5_127)
        var sessions: [Session] = []
        for profile in SRTPProfile.allCases {
            for _ in 0..<Self.sessionsPerProfile { sessions.append(try Self.makeSession(profile, &factory)) }
        }
        // Some packets carry RFC 3550 padding (PacketFactory pads one in eight): it must survive both ways.
        #expect(sessions.contains { $0.rtp.contains { rtpPaddingLength($0) > 0 } })
        #expect(sessions.contains { $0.rtcp.contains { $0[0] & 0x20 != 0 } })

        var input = Data()
        for s in sessions {
            let request: [String: Any] = [
                "profile": Int(s.profile.identifier), "key": s.keyAndSalt.hexString,
                "rtp": s.rtp.map(\.hexString), "srtp": s.receiveOrder.map { s.srtp[$0].hexString },
                "rtcp": s.rtcp.map(\.hexString), "srtcp": s.rtcpReceiveOrder.map { s.srtcp[$0].hexString },
            ]
            input.append(try JSONSerialization.data(withJSONObject: request))
            input.append(0x0A)
        }
        let output = try ExternalProcess.run(TestEnvironment.python, [TestEnvironment.oracleScript("srtp.py")], input: [UInt8](input))
        let lines = output.stdoutText.split(separator: "\n")
        try #require(lines.count == sessions.count)

        var compared = 0
        for (s, line) in zip(sessions, lines) {
            let response = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String]])
            let libSRTP = try #require(response["srtp"]), libRTP = try #require(response["rtp"])
            let libSRTCP = try #require(response["srtcp"]), libRTCP = try #require(response["rtcp"])
            // Ours → libsrtp: the same bytes, and libsrtp accepts and decrypts ours.
            #expect(libSRTP == s.srtp.map(\.hexString), "\(s.profile) SRTP protect differs from libsrtp")
            #expect(libRTP == s.receiveOrder.map { s.rtp[$0].hexString }, "\(s.profile) libsrtp unprotect of ours")
            #expect(libSRTCP == s.srtcp.map(\.hexString), "\(s.profile) SRTCP protect differs from libsrtp")
            #expect(libRTCP == s.rtcpReceiveOrder.map { s.rtcp[$0].hexString }, "\(s.profile) libsrtp unprotect_rtcp of ours")
            // libsrtp → ours, in the swapped order.
            var receiver = try SRTPInboundContext(masterKey: SRTPMasterKey(profile: s.profile, keyAndSalt: s.keyAndSalt))
            for i in s.receiveOrder {
                var packet = [UInt8](hex: libSRTP[i])
                try receiver.unprotectRTP(&packet)
                #expect(packet == s.rtp[i], "\(s.profile) our unprotect of libsrtp's packet \(i)")
                compared += 1
            }
            for i in s.rtcpReceiveOrder {
                var packet = [UInt8](hex: libSRTCP[i])
                try receiver.unprotectRTCP(&packet)
                #expect(packet == s.rtcp[i], "\(s.profile) our unprotect of libsrtp's SRTCP packet \(i)")
                compared += 1
            }
            #expect(s.rtp.contains { $0[2] == 0xFF && $0[3] == 0xFF }, "each session crosses sequence number 65535")
            for ssrc in Set(s.rtp.map { UInt32($0[8]) << 24 | UInt32($0[9]) << 16 | UInt32($0[10]) << 8 | UInt32($0[11]) }) {
                #expect(receiver.rolloverCounter(ssrc: ssrc) == 1, "ROC incremented for \(ssrc)")
            }
        }
        #expect(compared == sessions.count * Self.packetsPerSSRC * 2 + sessions.count * Self.rtcpPerSSRC * 2)
    }
}

/// libsrtp2 and Brook refuse the same packets: replays, packets behind the 128-packet window,
/// tampered packets, for SRTP and SRTCP under every profile, with a delivery order that is
/// shuffled across the ROC wrap.
@Suite struct LibSRTPRefusalTests {
    struct Delivery {
        var profile: SRTPProfile
        var keyAndSalt: [UInt8]
        var plainRTP: [[UInt8]] = []
        var srtp: [[UInt8]] = []
        var srtpSource: [Int] = []       // which plain packet each delivery carries (for checks)
        var plainRTCP: [[UInt8]] = []
        var srtcp: [[UInt8]] = []
        var srtcpSource: [Int] = []
    }

    static func deliveries(_ profile: SRTPProfile, _ factory: inout PacketFactory, rtcp: Bool) throws
        -> (plain: [[UInt8]], delivered: [[UInt8]], source: [Int], keyAndSalt: [UInt8]) {
        let keyAndSalt = factory.rng.bytes(profile.masterKeyLength + profile.masterSaltLength)
        var sender = try SRTPOutboundContext(masterKey: SRTPMasterKey(profile: profile, keyAndSalt: keyAndSalt))
        let ssrc = UInt32.random(in: 0...UInt32.max, using: &factory.rng)
        var plain: [[UInt8]] = [], protected: [[UInt8]] = []
        var sequence = UInt16(65_400 + factory.int(0...100))
        if rtcp {
            var throwaway = factory.rtcp(ssrc: ssrc)          // libsrtp starts SRTCP at index 1
            try sender.protectRTCP(&throwaway)
        }
        for _ in 0..<300 {
            var p = rtcp ? factory.rtcp(ssrc: ssrc) : factory.rtp(ssrc: ssrc, sequenceNumber: sequence, payload: factory.int(0...200))
            sequence &+= 1
            plain.append(p)
            if rtcp { try sender.protectRTCP(&p) } else { try sender.protectRTP(&p) }
            protected.append(p)
        }
        // Delivery: mostly in order with local shuffles, plus replays (recent and far behind)
        // and tampered copies.
        var delivered: [[UInt8]] = [], source: [Int] = []
        var i = 0
        while i < plain.count {
            let block = min(plain.count - i, factory.int(1...6))
            var order = Array(i..<(i + block))
            order.shuffle(using: &factory.rng)
            for j in order {
                delivered.append(protected[j]); source.append(j)
                if factory.chance(10) {                               // replay of something recent or old
                    let k = max(0, j - factory.int(0...250))
                    delivered.append(protected[k]); source.append(k)
                }
                if factory.chance(15) {                               // tampered copy of a later packet
                    let k = min(plain.count - 1, j + factory.int(1...5))
                    var forged = protected[k]
                    forged[factory.int(0...(forged.count - 1))] ^= UInt8(1 << factory.int(0...7))
                    delivered.append(forged); source.append(-1)
                }
            }
            i += block
        }
        return (plain, delivered, source, keyAndSalt)
    }

    @Test func sameRefusalsAsLibSRTP() throws {
        guard TestEnvironment.requirePythonModule("pylibsrtp") else { return }
        var factory = PacketFactory(seed: 0xD1FF)
        var cases: [(profile: SRTPProfile, rtcp: Bool, plain: [[UInt8]], delivered: [[UInt8]], source: [Int], key: [UInt8])] = []
        var input = Data()
        for profile in SRTPProfile.allCases {
            for rtcp in [false, true] {
                for _ in 0..<2 {
                    let d = try Self.deliveries(profile, &factory, rtcp: rtcp)
                    cases.append((profile, rtcp, d.plain, d.delivered, d.source, d.keyAndSalt))
                    let request: [String: Any] = [
                        "profile": Int(profile.identifier), "key": d.keyAndSalt.hexString,
                        rtcp ? "srtcp" : "srtp": d.delivered.map(\.hexString),
                    ]
                    input.append(try JSONSerialization.data(withJSONObject: request))
                    input.append(0x0A)
                }
            }
        }
        let output = try ExternalProcess.run(TestEnvironment.python, [TestEnvironment.oracleScript("srtp.py")], input: [UInt8](input))
        let lines = output.stdoutText.split(separator: "\n")
        try #require(lines.count == cases.count)
        var refused = 0, accepted = 0
        for (c, line) in zip(cases, lines) {
            let response = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String]])
            let theirs = try #require(response[c.rtcp ? "rtcp" : "rtp"])
            try #require(theirs.count == c.delivered.count)
            var receiver = try SRTPInboundContext(masterKey: SRTPMasterKey(profile: c.profile, keyAndSalt: c.key))
            for (n, packet) in c.delivered.enumerated() {
                var copy = packet
                let ours: SRTPError?
                do {
                    if c.rtcp { try receiver.unprotectRTCP(&copy) } else { try receiver.unprotectRTP(&copy) }
                    ours = nil
                } catch { ours = error }
                let theirRefusal = theirs[n].hasPrefix("error")
                #expect((ours != nil) == theirRefusal, "\(c.profile) \(c.rtcp ? "SRTCP" : "SRTP") delivery \(n): ours \(String(describing: ours)), libsrtp \(theirs[n].prefix(60))")
                if ours == nil {
                    accepted += 1
                    #expect(c.source[n] >= 0 && copy == c.plain[c.source[n]])
                } else {
                    refused += 1
                    #expect(copy == packet)
                }
            }
        }
        #expect(refused > 100 && accepted > 2000, "refused \(refused), accepted \(accepted)")
    }
}
