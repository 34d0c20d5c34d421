import BrookCrypto
@testable import BrookDTLS
import BrookSansIO
import BrookX509
import Testing

/// Under `.fingerprints`, a peer certificate is matched by the hash of its raw DER before it is
/// parsed (RFC 8122 §5 hashes the encoding): bytes the caller did not vouch for never reach the
/// X.509 parser, and bytes it did vouch for are still parsed strictly.
@Suite struct CertificateOrderTests {
    /// Not a certificate: a SEQUENCE whose stated length runs past its end.
    static let garbage: [UInt8] = [0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x01]

    /// Hands a client expecting `expected` the server's flight 4 with its Certificate message
    /// carrying `leaf`; returns the client's close reason, the alerts it sent and how many
    /// peer-certificate events it reported.
    static func clientReceiving(leaf: [UInt8], expecting expected: [CertificateFingerprint])
        -> (DTLSCloseReason?, [[UInt8]], Int)
    {
        var client = Identity.configuration(Identity.client, expecting: Identity.server)
        client.peerVerification = .fingerprints(expected)
        let server = HostilePeerHandshakeTests.configurations(cookies: false).server
        var clientEndpoint = DTLSConnection(role: .client, configuration: client, now: .zero)
        var serverEndpoint = DTLSConnection(role: .server, configuration: server, now: .zero)
        var clientReported = Reported(), serverReported = Reported()
        for datagram in clientReported.drain(&clientEndpoint) { serverEndpoint.handle(datagram: datagram, now: .zero) }
        let body = CertificateMessage(certificates: [leaf]).encode()
        for datagram in serverReported.drain(&serverEndpoint) {
            clientEndpoint.handle(datagram: Surgery.replacing(.certificate, with: body, in: datagram), now: .zero)
        }
        let answer = clientReported.drain(&clientEndpoint)
        return (clientReported.closed, Surgery.alerts(in: answer), clientReported.peerCertificates)
    }

    @Test("a certificate matching no expected fingerprint is refused before it is parsed")
    func unexpectedBytesAreNotParsed() {
        let expected = [CertificateFingerprint(certificate: Identity.server.certificate)]
        let (closed, alerts, certificates) = Self.clientReceiving(leaf: Self.garbage, expecting: expected)
        // The malformed DER would be "unparsable certificate" had it been parsed.
        #expect(closed == .error(.badCertificate("certificate fingerprint does not match")))
        #expect(alerts == [[2, 42]])
        #expect(certificates == 0)
    }

    @Test("bytes the caller vouched for are still parsed strictly", arguments: CertificateFingerprint.Algorithm.allCases)
    func vouchedBytesAreParsed(algorithm: CertificateFingerprint.Algorithm) {
        let expected = [CertificateFingerprint(derEncoded: Self.garbage, algorithm: algorithm)]
        let (closed, alerts, certificates) = Self.clientReceiving(leaf: Self.garbage, expecting: expected)
        guard case .error(.badCertificate(let reason))? = closed else {
            Issue.record("\(String(describing: closed))")
            return
        }
        #expect(reason.hasPrefix("unparsable certificate"), "\(reason)")
        #expect(alerts == [[2, 42]])
        #expect(certificates == 0)
    }

    @Test("the fingerprint of raw DER is the fingerprint of the parsed certificate")
    func rawAndParsedFingerprintsAgree() {
        for algorithm in CertificateFingerprint.Algorithm.allCases {
            let certificate = Identity.server.certificate
            let raw = CertificateFingerprint(derEncoded: certificate.derEncoded, algorithm: algorithm)
            #expect(raw == CertificateFingerprint(certificate: certificate, algorithm: algorithm))
            #expect(raw.matches(certificate) && raw.matches(derEncoded: certificate.derEncoded))
            #expect(!raw.matches(derEncoded: Identity.client.certificate.derEncoded))
        }
    }
}
