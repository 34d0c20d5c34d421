import BrookCrypto
import Testing
@testable import BrookX509
import BrookTestSupport

/// Truncated, extended, mutated and absurd inputs: every one ends in a typed error or a
/// certificate that does not verify — never a trap.
@Suite("Hostile certificate input")
struct HostileInputTests {
    /// Our generated certificate, and one with unique identifiers and extensions built field by field.
    static func baseCertificates() throws -> [Certificate] {
        var parts = CertificateParts(seed: 99)
        parts.tail = CertificateParts.tlv(0x81, [0x00, 0xAB])
            + CertificateParts.extensions(CertificateParts.extensionField([0x55, 0x1D, 0x13], critical: 0xFF, value: [0x30, 0x00]),
                                          CertificateParts.extensionField([0x55, 0x1D, 0x0E], value: [0x04, 0x02, 0x01, 0x02]))
        return [try Fixtures.selfSigned(seed: 50).certificate, try Certificate(derEncoded: parts.der)]
    }

    @Test("Every truncation is malformedDER")
    func truncations() throws {
        for base in try Self.baseCertificates() {
            #expect(base.verifySelfSignature())
            for length in 0..<base.derEncoded.count {
                #expect(throws: X509Error.malformedDER) { try Certificate(derEncoded: base.derEncoded.prefix(length)) }
            }
        }
    }

    @Test("Bytes after the certificate are trailingBytes")
    func trailingBytes() throws {
        for base in try Self.baseCertificates() {
            for extra in [[0x00], [0x30, 0x00], [UInt8](repeating: 0xFF, count: 100), base.derEncoded] as [[UInt8]] {
                #expect(throws: X509Error.trailingBytes) { try Certificate(derEncoded: base.derEncoded + extra) }
            }
            var pem = Certificate(derEncoded: base.derEncoded + [0x00], unchecked: ()).pemEncoded
            #expect(throws: X509Error.trailingBytes) { try Certificate(pemEncoded: pem) }
            pem = base.pemEncoded
            #expect(try Certificate(pemEncoded: "explanatory text\n" + pem + "more text\n") == base)
        }
    }

    @Test("Absurd and non-minimal lengths, wrong outer tags, deep nesting and oversize input are rejected")
    func absurdInputs() throws {
        let malformed: [[UInt8]] = [
            [], [0x30], [0x30, 0x00], [0x31, 0x00], [0x02, 0x01, 0x00],
            [0x30, 0x80, 0x00, 0x00],                          // indefinite length
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00],        // 4 GiB stated
            [0x30, 0x88] + [UInt8](repeating: 0xFF, count: 8), // 8 length octets
            [0x30, 0x81, 0x05, 0x02, 0x01, 0x00, 0x02, 0x00],  // long form for a short length
            [0x30, 0x82, 0x00, 0x05, 0x02, 0x01, 0x00, 0x02, 0x00], // leading zero length octet
            [0x3F, 0x81, 0x00],                                // high tag number form
        ]
        for bytes in malformed {
            #expect(throws: X509Error.malformedDER, "\(bytes.prefix(12))") { try Certificate(derEncoded: bytes) }
        }
        // The TBS stating a length far beyond the certificate.
        var base = try Self.baseCertificates()[0].derEncoded
        let tbsLengthOffset = base[1] < 0x80 ? 3 : 2 + Int(base[1] & 0x7F) + 1
        base[tbsLengthOffset] = 0x84
        #expect(throws: X509Error.malformedDER) { try Certificate(derEncoded: base) }

        // 2000 nested SEQUENCEs: SwiftASN1's depth limit, not the stack, ends the parse.
        var nested: [UInt8] = []
        for _ in 0..<2000 { nested = CertificateParts.tlv(0x30, nested) }
        #expect(throws: X509Error.malformedDER) { try Certificate(derEncoded: nested) }

        let huge = CertificateParts.tlv(0x30, [UInt8](repeating: 0, count: Certificate.maximumDERByteCount))
        #expect(throws: X509Error.tooLarge) { try Certificate(derEncoded: huge) }
    }

    @Test("Hostile PEM is invalidPEM")
    func hostilePEM() throws {
        let base = try Self.baseCertificates()[0]
        let pem = base.pemEncoded
        let bad = [
            "",
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
            pem.replacingOccurrences(of: "CERTIFICATE", with: "PUBLIC KEY"),
            pem.replacingOccurrences(of: "END CERTIFICATE", with: "END X509 CRL"),
            pem + pem,
            pem.replacingOccurrences(of: "M", with: "*"),
            pem.replacingOccurrences(of: "\n", with: "", options: [], range: pem.range(of: "\n", range: pem.index(pem.startIndex, offsetBy: 40)..<pem.endIndex)),
            String(pem.dropLast(30)),
            String(repeating: "A", count: Certificate.maximumPEMByteCount + 1),
        ]
        for text in bad {
            #expect(throws: X509Error.invalidPEM, "\(text.prefix(60))") { try Certificate(pemEncoded: text) }
        }
    }

    @Test("A flipped signature or TBS byte parses but does not verify")
    func flippedBytes() throws {
        let base = try Self.baseCertificates()[0]
        var signatureFlipped = base.derEncoded
        signatureFlipped[signatureFlipped.count - 1] ^= 0x01  // last byte of s
        let parsed = try Certificate(derEncoded: signatureFlipped)
        #expect(parsed.tbsCertificate == base.tbsCertificate)
        #expect(!parsed.verifySelfSignature())
        #expect(!CertificateFingerprint(certificate: base).matches(parsed))

        // The common name "WebRTC" → "WebRTc" inside the TBS.
        var tbsFlipped = base.derEncoded
        let name = Array("WebRTC".utf8)
        let offset = try #require((0..<(tbsFlipped.count - name.count)).first { Array(tbsFlipped[$0..<($0 + name.count)]) == name })
        tbsFlipped[offset + 5] ^= 0x20
        let renamed = try Certificate(derEncoded: tbsFlipped)
        #expect(renamed.issuer.commonName == "WebRTc")
        #expect(renamed.signature == base.signature)
        #expect(!renamed.verifySelfSignature())
    }

    @Test("Thousands of seeded random mutations end in a typed error or a certificate that does not verify")
    func randomMutations() throws {
        var rng = SeededGenerator(seed: 0x5EED_0509)
        var outcomes = (parsed: 0, rejected: 0, verified: 0)
        var errors: Set<X509Error> = []
        for base in try Self.baseCertificates() {
            let original = base.derEncoded
            for round in 0..<3000 {
                var bytes = original
                switch round % 4 {
                case 0:  // flip one bit
                    bytes[rng.int(below: bytes.count)] ^= 1 << UInt8(rng.int(below: 8))
                case 1:  // overwrite 1–4 bytes
                    for _ in 0...rng.int(below: 4) { bytes[rng.int(below: bytes.count)] = rng.byte() }
                case 2:  // insert a byte
                    bytes.insert(rng.byte(), at: rng.int(below: bytes.count + 1))
                default: // delete 1–3 bytes
                    for _ in 0...rng.int(below: 3) { bytes.remove(at: rng.int(below: bytes.count)) }
                }
                guard bytes != original else { continue }
                do {
                    let certificate = try Certificate(derEncoded: bytes)
                    outcomes.parsed += 1
                    #expect(certificate.derEncoded == bytes)
                    if certificate.verifySelfSignature() {
                        outcomes.verified += 1
                    }
                } catch {
                    outcomes.rejected += 1
                    errors.insert(error)
                }
            }
        }
        #expect(outcomes.verified == 0)
        #expect(outcomes.parsed > 100)
        #expect(outcomes.rejected > 1000)
        // The mutations reach many of the parser's checks, not only the outer framing.
        #expect(errors.count >= 6, "\(errors)")
    }
}

extension Certificate {
    /// A certificate value around arbitrary bytes, only to produce PEM text for hostile tests.
    init(derEncoded: [UInt8], unchecked: Void) {
        let base = try! Fixtures.selfSigned(seed: 1).certificate
        self.init(derEncoded: derEncoded, tbsCertificate: base.tbsCertificate[...], version: base.version,
                  serialNumber: base.serialNumber[...], signatureAlgorithm: base.signatureAlgorithm, issuer: base.issuer,
                  subject: base.subject, notBefore: base.notBefore, notAfter: base.notAfter, publicKey: base.publicKey,
                  subjectPublicKeyInfo: base.subjectPublicKeyInfo[...], extensions: base.extensions,
                  signature: base.signature[...])
    }
}
