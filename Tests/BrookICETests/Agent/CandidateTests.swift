import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// SDP candidate attributes (RFC 8839 §5.1) and priorities (RFC 8445 §5.1.2, §6.1.2.3).
@Suite("ICE candidates")
struct CandidateTests {
    @Test("candidate lines from browsers and aioice parse and format back")
    func parseAndFormat() throws {
        let chrome = try ICECandidate(sdpAttribute: "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.1.5 rport 61665 generation 0 ufrag 8Ahz network-cost 999")
        #expect(chrome.foundation == "842163049" && chrome.component == 1 && chrome.priority == 1_677_729_535)
        #expect(chrome.address == TransportAddress("203.0.113.7:61665") && chrome.kind == .serverReflexive)
        #expect(chrome.relatedAddress == TransportAddress("192.168.1.5:61665"))
        #expect(chrome.sdpAttribute == "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.1.5 rport 61665")
        let aioice = try ICECandidate(sdpAttribute: "a=candidate:6815297761 1 UDP 2130706431 ::1 50000 typ host")
        #expect(aioice.address == TransportAddress("[::1]:50000") && aioice.kind == .host)
        #expect(try ICECandidate(sdpAttribute: aioice.sdpAttribute) == aioice)
    }

    @Test("bad candidate lines are rejected with the offending field")
    func malformed() {
        #expect(throws: ICECandidateParseError.unsupportedTransport("tcp")) {
            try ICECandidate(sdpAttribute: "candidate:1 1 tcp 1 10.0.0.1 9 typ host tcptype active")
        }
        #expect(throws: ICECandidateParseError.unresolvedAddress("abcd.local")) {
            try ICECandidate(sdpAttribute: "candidate:1 1 udp 1 abcd.local 9 typ host")
        }
        for line in ["candidate:1 1 udp 1 10.0.0.1 9 typ", "candidate:1 0 udp 1 10.0.0.1 9 typ host", "candidate:1 1 udp x 10.0.0.1 9 typ host",
                     "candidate:1 1 udp 1 10.0.0.1 70000 typ host", "candidate:1 1 udp 1 10.0.0.1 9 type host", "candidate:1 1 udp 1 10.0.0.1 9 typ magic",
                     "candidate:f-o 1 udp 1 10.0.0.1 9 typ host", "candidate:1 1 udp 1 10.0.0.1 9 typ srflx raddr nowhere rport 1", ""] {
            #expect(throws: ICECandidateParseError.self, "\(line)") { try ICECandidate(sdpAttribute: line) }
        }
    }

    @Test("RFC 8445 §5.1.2.1 priorities and §6.1.2.3 pair priorities")
    func priorities() {
        #expect(ICECandidate.priority(kind: .host, localPreference: 65535) == 2_130_706_431)
        #expect(ICECandidate.priority(kind: .serverReflexive, localPreference: 65535) == 1_694_498_815)
        #expect(ICECandidate.priority(kind: .peerReflexive, localPreference: 65535) == 1_862_270_975)
        #expect(ICECandidate.priority(kind: .relayed, localPreference: 0, component: 2) == 254)
        #expect(ICECandidatePair.priority(controlling: 10, controlled: 20) == (10 << 32) + 40)
        #expect(ICECandidatePair.priority(controlling: 20, controlled: 10) == (10 << 32) + 40 + 1)
    }

    @Test("fresh credentials are ice-chars of RFC 8839 §5.4 lengths")
    func credentials() {
        var rng = SeededGenerator(seed: 1)
        let credentials = ICECredentials(using: &rng)
        #expect(credentials.usernameFragment.utf8.count >= 4 && credentials.password.utf8.count >= 22)
        #expect((credentials.usernameFragment + credentials.password).utf8.allSatisfy(ICECandidate.isIceChar))
    }
}
