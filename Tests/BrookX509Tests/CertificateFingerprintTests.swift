import BrookCrypto
import BrookVectors
import Foundation
import Testing
@testable import BrookX509
import BrookTestSupport

@Suite("Certificate fingerprints (SDP form)")
struct CertificateFingerprintTests {
    @Test("RFC 8122 §3.4 example values parse to their digests and format back in canonical form")
    func rfcExamples() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Vectors/x509-sdp-fingerprints-rfc8122.txt").standardized
        let records = RSPFile(text: try String(contentsOf: url, encoding: .utf8)).records
        #expect(records.count == 2)
        for record in records {
            let value = try #require(record["Value"])
            let fingerprint = try CertificateFingerprint(sdpValue: value)
            #expect(fingerprint.algorithm.rawValue == record["Algorithm"])
            #expect(fingerprint.bytes == record.bytes("Digest"))
            // Canonical output: lower-case hash name, upper-case hex.
            let hexPart = value.split(separator: " ")[1]
            #expect(fingerprint.description == "\(fingerprint.algorithm.rawValue) \(hexPart)")
        }
    }

    @Test("Random digests of every algorithm round-trip through the SDP form, in either case")
    func roundTrips() throws {
        var rng = SeededGenerator(seed: 0xF1)
        for algorithm in CertificateFingerprint.Algorithm.allCases {
            for _ in 0..<200 {
                let bytes = (0..<algorithm.byteCount).map { _ in rng.byte() }
                let fingerprint = try CertificateFingerprint(algorithm: algorithm, bytes: bytes)
                let text = fingerprint.description
                #expect(text.hasPrefix(algorithm.rawValue + " "))
                #expect(text.count == algorithm.rawValue.count + 1 + 3 * algorithm.byteCount - 1)
                #expect(try CertificateFingerprint(sdpValue: text) == fingerprint)
                #expect(try CertificateFingerprint(sdpValue: text.lowercased()) == fingerprint)
                #expect(try CertificateFingerprint(sdpValue: text.uppercased()) == fingerprint)
            }
        }
    }

    @Test("A certificate matches its own fingerprints and no other certificate's")
    func matching() throws {
        let (_, first) = try Fixtures.selfSigned(seed: 40)
        let (_, second) = try Fixtures.selfSigned(seed: 41)
        for algorithm in CertificateFingerprint.Algorithm.allCases {
            let fingerprint = CertificateFingerprint(certificate: first, algorithm: algorithm)
            #expect(fingerprint.bytes.count == algorithm.byteCount)
            #expect(fingerprint.matches(first))
            #expect(!fingerprint.matches(second))
            #expect(try CertificateFingerprint(sdpValue: fingerprint.description).matches(first))
            var flipped = fingerprint.bytes
            flipped[flipped.count - 1] ^= 1
            #expect(!(try CertificateFingerprint(algorithm: algorithm, bytes: flipped)).matches(first))
            // Against an already computed fingerprint: same algorithm and digest, nothing else.
            #expect(fingerprint.matches(CertificateFingerprint(certificate: first, algorithm: algorithm)))
            #expect(!fingerprint.matches(CertificateFingerprint(certificate: second, algorithm: algorithm)))
            #expect(!(try CertificateFingerprint(algorithm: algorithm, bytes: flipped)).matches(fingerprint))
            for other in CertificateFingerprint.Algorithm.allCases where other != algorithm {
                #expect(!fingerprint.matches(CertificateFingerprint(certificate: first, algorithm: other)))
            }
        }
        // The SHA-256 fingerprint is the SHA-256 of the exact DER bytes.
        #expect(CertificateFingerprint(certificate: first).bytes == Array(SHA256.hash(data: first.derEncoded)))
    }

    @Test("Hostile SDP values are rejected")
    func hostileValues() throws {
        let good = try CertificateFingerprint(algorithm: .sha256, bytes: [UInt8](repeating: 0xAB, count: 32)).description
        let hex = String(good.dropFirst("sha-256 ".count))
        let bad: [String] = [
            "",
            " ",
            "sha-256",
            "sha-256 ",
            hex,                                                   // no hash name
            "sha-256  " + hex,                                     // two spaces
            " sha-256 " + hex,                                     // leading space
            good + " ",                                            // trailing space
            good + "\r\n",                                         // line ending left in
            "sha-256\t" + hex,                                     // tab separator
            "sha256 " + hex,                                       // not an RFC 4572 name
            "sha-224 " + String(hex.prefix(3 * 28 - 1)),           // listed, but not supported
            "md5 " + String(hex.prefix(3 * 16 - 1)),               // MUST NOT be used (RFC 8122 §5)
            "sha-3 " + hex,                                        // unknown
            "sha-256 " + String(hex.dropLast(3)),                  // 31 bytes
            "sha-256 " + hex + ":AB",                              // 33 bytes
            "sha-256 " + hex + ":",                                // dangling colon
            "sha-256 :" + String(hex.dropFirst()),                 // leading colon
            "sha-256 " + hex.replacingOccurrences(of: ":", with: ""),            // no colons at all
            "sha-256 " + hex.replacingOccurrences(of: ":", with: "-"),           // wrong separator
            "sha-256 " + hex.replacingOccurrences(of: ":", with: " "),           // spaces
            "sha-256 " + "G" + String(hex.dropFirst()),            // not hex
            "sha-256 " + "A" + String(hex.dropFirst(2)) + "A",     // misaligned pairs
            "sha-256 " + String(hex.dropLast(2)) + "é",            // non-ASCII
            "sha-1 " + hex,                                        // SHA-256 length under sha-1
            "sha-384 " + hex,                                      // too short for sha-384
            "sha-512 " + hex,
            "sha-256 " + String(repeating: "AB:", count: 100_000), // huge
        ]
        for value in bad {
            #expect(throws: X509Error.invalidFingerprint, "\(value.prefix(80))") {
                try CertificateFingerprint(sdpValue: value)
            }
        }
        #expect(throws: X509Error.invalidFingerprint) {
            try CertificateFingerprint(algorithm: .sha384, bytes: [UInt8](repeating: 0, count: 32))
        }
    }

    @Test("SHA-384 and SHA-512 values, as browsers and SFUs send them, are accepted")
    func longerHashes() throws {
        let (_, certificate) = try Fixtures.selfSigned(seed: 42)
        for algorithm in [CertificateFingerprint.Algorithm.sha384, .sha512] {
            let text = CertificateFingerprint(certificate: certificate, algorithm: algorithm).description
            let upperName = text.replacingOccurrences(of: algorithm.rawValue, with: algorithm.rawValue.uppercased())
            let parsed = try CertificateFingerprint(sdpValue: upperName)
            #expect(parsed.algorithm == algorithm)
            #expect(parsed.matches(certificate))
        }
    }
}
