import BrookDTLS
import BrookSansIO

// DTLS 1.2 as a server (RFC 6347) from a fresh state, and the stateless HelloVerifyRequest gate in
// front of it, fed a script of datagrams and timer expiries (FuzzScript.swift).
//
// Mode byte: bit 0 turns the server's cookie exchange off (as behind DTLSHelloGate, which admits
// only verified ClientHellos); bit 1 makes every datagram come from another address at the gate;
// bits 2-3 pick the server's MTU (DTLSFuzzFixture.serverMTUs). The seeds, recorded from
// `openssl s_client -dtls1_2` against this very server, carry whole handshakes: the cookie they
// echo is the one the fixed server computes, and the client's flights answer its fixed flights.

extension FuzzTarget {
    static let dtlsServer = FuzzTarget(
        name: "dtls-server",
        summary: "DTLS server from a fresh state, and DTLSHelloGate, on datagrams and timer expiries: sends whole records within its MTU, no more bytes than it received before a cookie verifies (RFC 6347 §4.2.1), only HelloVerifyRequests from the gate, no data before connected, nothing after closed"
    ) { input throws(FuzzFailure) in
        guard let script = FuzzScript(input) else { return .rejected }
        var run = DTLSServerRun(mode: script.mode)
        for step in script.steps { try run.perform(step) }
        return run.answered ? .accepted : .rejected
    }
}

/// One dtls-server input: the server, the gate, the clock and what they have sent so far.
struct DTLSServerRun {
    let cookieExchange: Bool
    let distinctGatePeers: Bool
    var server: DTLSConnection
    var observer: DTLSObserver
    var gate: DTLSHelloGate
    var now = Instant.zero
    var datagramCount = 0
    var bytesReceived = 0
    /// Bytes sent before the server sent a ServerHello (before a cookie verified, in cookie mode).
    var bytesSentBeforeServerHello = 0
    var sentServerHello = false
    var gateBytesSent = 0
    /// Whether the server answered a ClientHello at all (a HelloVerifyRequest or a flight).
    var answered = false

    init(mode: UInt8) {
        cookieExchange = mode & 1 == 0
        distinctGatePeers = mode & 2 != 0
        server = DTLSFuzzFixture.server(mode: mode)
        observer = DTLSObserver(role: .server, maximumTransmissionUnit: DTLSFuzzFixture.serverMTUs[Int(mode >> 2) & 3])
        gate = DTLSHelloGate(now: .zero)
    }

    mutating func perform(_ step: FuzzStep) throws(FuzzFailure) {
        switch step {
        case .datagram(let datagram):
            datagramCount += 1
            bytesReceived += datagram.count
            // The restart check a many-client server makes on an established peer's datagrams (RFC 6347 §4.2.8).
            if server.opensNewHandshake(datagram) {
                let records = WireRecord.split(datagram).records
                try ensure(sentServerHello && records.contains { $0.contentType == WireRecord.ContentType.handshake },
                           "opensNewHandshake held before the server answered a ClientHello, or without a handshake record")
            }
            server.handle(datagram: datagram, now: now)
            try judgeServerOutput()
            try judgeAtGate(datagram)
        case .wait(let milliseconds):
            now = now + .milliseconds(milliseconds)
            server.handleTimeout(now: now)
            try judgeServerOutput()
        case .waitForDeadline:
            if let deadline = server.nextDeadline, deadline > now { now = deadline }
            server.handleTimeout(now: now)
            try judgeServerOutput()
        }
    }

    private mutating func judgeServerOutput() throws(FuzzFailure) {
        let drained = try observer.drain(&server, now: now)
        for datagram in drained.datagrams {
            let records = WireRecord.split(datagram).records
            if records.contains(where: { $0.firstHandshakeType == WireRecord.HandshakeType.serverHello }) {
                sentServerHello = true
            }
            if records.contains(where: { $0.contentType == WireRecord.ContentType.handshake }) { answered = true }
            guard !sentServerHello else { continue }
            // Before a cookie verifies the server keeps no state and answers only with HelloVerifyRequests
            // (or a fatal alert), never with more bytes than it was sent: it cannot amplify (RFC 6347 §4.2.1).
            bytesSentBeforeServerHello += datagram.count
            if cookieExchange {
                for record in records {
                    try ensure(record.firstHandshakeType == WireRecord.HandshakeType.helloVerifyRequest
                               || record.contentType == WireRecord.ContentType.alert,
                               "before any cookie verified the server sent a record of type \(record.contentType) (\(record.firstHandshakeType.map { "handshake \($0)" } ?? "-"))")
                }
                try ensure(bytesSentBeforeServerHello <= bytesReceived,
                           "before any cookie verified the server sent \(bytesSentBeforeServerHello) bytes for \(bytesReceived) received")
            }
        }
    }

    /// DTLSHelloGate on the same datagram: it can only reply with a small HelloVerifyRequest or drop,
    /// since no ClientHello in fuzz input carries a cookie made under the gate's own random secret.
    private mutating func judgeAtGate(_ datagram: [UInt8]) throws(FuzzFailure) {
        let peer = distinctGatePeers ? [10, 0, UInt8(truncatingIfNeeded: datagramCount >> 8), UInt8(truncatingIfNeeded: datagramCount)]
                                     : DTLSFuzzFixture.peerIdentity
        switch gate.judge(datagram: datagram, peerIdentity: peer, now: now) {
        case .admit:
            throw FuzzFailure(description: "DTLSHelloGate admitted a ClientHello whose cookie it never made")
        case .reply(let reply):
            gateBytesSent += reply.count
            try ensure(gateBytesSent <= bytesReceived, "DTLSHelloGate sent \(gateBytesSent) bytes for \(bytesReceived) received")
            try Self.checkHelloVerifyRequest(reply)
        case .drop:
            break
        }
    }

    /// One epoch-0 record holding one whole HelloVerifyRequest: version and a 32-byte cookie (RFC 6347 §4.2.1).
    static func checkHelloVerifyRequest(_ reply: [UInt8]) throws(FuzzFailure) {
        let (records, leftover) = WireRecord.split(reply)
        guard leftover == 0, records.count == 1, let record = records.first else {
            throw FuzzFailure(description: "DTLSHelloGate replied with \(records.count) records and \(leftover) stray bytes")
        }
        let fragment = Array(record.fragment)
        try ensure(record.contentType == WireRecord.ContentType.handshake && record.epoch == 0 && fragment.count >= 12,
                   "DTLSHelloGate's reply is not an epoch-0 handshake record")
        let length = Int(fragment[1]) << 16 | Int(fragment[2]) << 8 | Int(fragment[3])
        let offset = Int(fragment[6]) << 16 | Int(fragment[7]) << 8 | Int(fragment[8])
        let fragmentLength = Int(fragment[9]) << 16 | Int(fragment[10]) << 8 | Int(fragment[11])
        try ensure(fragment[0] == WireRecord.HandshakeType.helloVerifyRequest && offset == 0
                   && length == fragmentLength && length == fragment.count - 12,
                   "DTLSHelloGate's reply is not one whole HelloVerifyRequest")
        try ensure(length == 35 && fragment[14] == 32, "DTLSHelloGate's HelloVerifyRequest body is \(length) bytes")
    }
}
