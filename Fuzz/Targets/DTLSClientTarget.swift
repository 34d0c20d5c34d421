import BrookDTLS
import BrookSansIO

// DTLS 1.2 as a client mid-handshake (RFC 6347 §4.2.1), fed a script of datagrams and timer
// expiries (FuzzScript.swift).
//
// Mode byte, bit 0 clear: the client has sent a ClientHello, had a HelloVerifyRequest from the
// fixed server (DTLSFuzzFixture) and sent the second ClientHello with that cookie: it expects
// ServerHello. Bit 0 set: the client has sent its first ClientHello only, so the input's first
// datagram may be the HelloVerifyRequest. Both states are computed once and copied per input.
//
// Seeds: with bit 0 set, everything `openssl s_server -dtls1_2` sent this very client (a
// HelloVerifyRequest, its flights, data, close_notify): whole handshakes. With bit 0 clear, the
// flights the fixed server sends after its own HelloVerifyRequest (whole handshakes too), and
// OpenSSL's flights after its HelloVerifyRequest: those carry a valid ServerHello, Certificate and
// ServerKeyExchange, but their Finished covers OpenSSL's cookie, not the fixed server's, so the
// client refuses them there.

extension FuzzTarget {
    static let dtlsClient = FuzzTarget(
        name: "dtls-client",
        summary: "DTLS client after its ClientHello (and after a HelloVerifyRequest exchange) on datagrams and timer expiries: whole records within its MTU, one flight per input, no data before connected, only alerts once connected, nothing after closed"
    ) { input throws(FuzzFailure) in
        guard let script = FuzzScript(input) else { return .rejected }
        let states = DTLSClientStates.shared
        var client = script.mode & 1 == 0 ? states.afterCookie : states.afterHello
        var observer = DTLSObserver(role: .client, maximumTransmissionUnit: 1200)
        var now = Instant.zero
        var progressed = false
        for step in script.steps {
            switch step {
            case .datagram(let datagram):
                client.handle(datagram: datagram, now: now)
            case .wait(let milliseconds):
                now = now + .milliseconds(milliseconds)
                client.handleTimeout(now: now)
            case .waitForDeadline:
                if let deadline = client.nextDeadline, deadline > now { now = deadline }
                client.handleTimeout(now: now)
            }
            let drained = try observer.drain(&client, now: now)
            if case .datagram = step, drained.connected || drained.datagrams.contains(where: DTLSObserver.holdsHandshake) {
                progressed = true
            }
        }
        // Accepted: some datagram moved the handshake on (a new ClientHello, flight 5, or the end).
        return progressed ? .accepted : .rejected
    }
}
