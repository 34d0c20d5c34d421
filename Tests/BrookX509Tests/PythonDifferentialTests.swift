import BrookCrypto
import BrookVectors
import Foundation
import Testing
@testable import BrookX509
import BrookTestSupport

/// Seeded randomized comparisons with Python `cryptography` (OpenSSL underneath), each direction
/// in one subprocess: certificates Brook makes are read by cryptography, and certificates
/// cryptography makes are read by Brook.
@Suite("X.509 differential against Python cryptography")
struct PythonDifferentialTests {
    static let caseCount = Int(ProcessInfo.processInfo.environment["BROOK_X509_CASES"] ?? "") ?? 200

    /// A random common name of 1–20 characters, mixing ASCII, Latin-1, CJK and emoji.
    static func randomName(_ rng: inout SeededGenerator) -> String {
        let alphabet = Array("abcXYZ019 -._'éüßØ日本語✓😀")
        return String((0...rng.int(below: 20)).map { _ in alphabet[rng.int(below: alphabet.count)] })
    }

    /// 0001-01-01, the earliest instant Python's datetime holds.
    static let year1: Int64 = -62_135_596_800
    /// 1950-01-01, the earliest notBefore cryptography's CertificateBuilder writes.
    static let year1950: Int64 = -631_152_000

    /// A random validity window from `low` to the end of year 9999.
    static func randomValidity(_ rng: inout SeededGenerator, from low: Int64) throws -> (UTCDateTime, UTCDateTime) {
        let high = UTCDateTime.maximumSecondsSinceEpoch
        // Half the cases near today, where real certificates live; the rest anywhere.
        let start = rng.int(below: 2) == 0
            ? 1_700_000_000 + Int64(rng.next() % 1_000_000_000)
            : low + Int64(rng.next() % UInt64(high - low))
        let end = min(high, start + Int64(rng.next() % 5_000_000_000))
        return (try UTCDateTime(secondsSinceEpoch: start), try UTCDateTime(secondsSinceEpoch: end))
    }

    @Test("cryptography reads Brook's certificates: names, serial, validity, key, signature, fingerprints, PEM")
    func brookToPython() throws {
        var rng = SeededGenerator(seed: 0xB200C)
        var certificates: [Certificate] = []
        var keys: [P256.Signing.PrivateKey] = []
        for _ in 0..<Self.caseCount {
            let key = P256.Signing.PrivateKey(using: &rng)
            let (notBefore, notAfter) = try Self.randomValidity(&rng, from: Self.year1)
            certificates.append(try Certificate.selfSigned(privateKey: key, commonName: Self.randomName(&rng),
                                                           notBefore: notBefore, notAfter: notAfter, using: &rng))
            keys.append(key)
        }
        let requests = certificates.map { ["op": "inspect", "der": $0.derEncoded.hexString] as [String: Any] }
        guard let responses = try PythonOracle.run("x509.py", requests) else { return }
        try #require(responses.count == certificates.count)
        for (index, (certificate, response)) in zip(certificates, responses).enumerated() {
            #expect(response["error"] == nil, "case \(index): \(response["error"] ?? "")")
            #expect(response["cn"] as? String == certificate.subjectCommonName, "case \(index)")
            #expect(response["issuerCN"] as? String == certificate.subjectCommonName)
            #expect(response["serial"] as? String == certificate.serialNumber.hexString)
            #expect(response["version"] as? Int == 2)
            #expect((response["notBefore"] as? NSNumber)?.int64Value == certificate.notBefore.secondsSinceEpoch, "case \(index)")
            #expect((response["notAfter"] as? NSNumber)?.int64Value == certificate.notAfter.secondsSinceEpoch, "case \(index)")
            #expect(response["sigAlg"] as? String == "1.2.840.10045.4.3.2")
            #expect(response["pub"] as? String == keys[index].publicKey.x963Representation.hexString)
            #expect(response["verifies"] as? Bool == true)
            #expect(response["sha256"] as? String == CertificateFingerprint(certificate: certificate, algorithm: .sha256).bytes.hexString)
            #expect(response["sha384"] as? String == CertificateFingerprint(certificate: certificate, algorithm: .sha384).bytes.hexString)
            #expect(response["pem"] as? String == certificate.pemEncoded)
        }
    }

    @Test("Brook reads cryptography's certificates: serials of 1–20 octets, three hashes, extensions")
    func pythonToBrook() throws {
        var rng = SeededGenerator(seed: 0xB200D)
        var requests: [[String: Any]] = []
        for index in 0..<Self.caseCount {
            let (notBefore, notAfter) = try Self.randomValidity(&rng, from: Self.year1950)
            var serial = (0...rng.int(below: 20)).map { _ in rng.byte() }
            serial[0] = serial[0] & 0x7F | 0x01  // positive, non-zero, minimal
            requests.append([
                "op": "make", "seed": index, "cn": Self.randomName(&rng),
                "notBefore": notBefore.secondsSinceEpoch, "notAfter": notAfter.secondsSinceEpoch,
                "serial": serial.hexString, "hash": ["sha256", "sha384", "sha512"][rng.int(below: 3)],
                "extensions": rng.int(below: 2) == 0,
            ])
        }
        guard let responses = try PythonOracle.run("x509.py", requests) else { return }
        try #require(responses.count == requests.count)
        let algorithms: [String: SignatureAlgorithm] = ["sha256": .ecdsaWithSHA256, "sha384": .ecdsaWithSHA384,
                                                        "sha512": .ecdsaWithSHA512]
        for (index, (request, response)) in zip(requests, responses).enumerated() {
            let der = [UInt8](hex: try #require(response["der"] as? String))
            let certificate: Certificate
            do {
                certificate = try Certificate(derEncoded: der)
            } catch {
                Issue.record("case \(index): \(error) for \(der.hexString)")
                continue
            }
            #expect(certificate.derEncoded == der)
            #expect(certificate.version == .v3)
            #expect(certificate.subjectCommonName == request["cn"] as? String, "case \(index)")
            #expect(certificate.isSelfIssued)
            #expect(certificate.serialNumber.drop { $0 == 0 }.elementsEqual([UInt8](hex: request["serial"] as? String ?? "")))
            #expect(certificate.notBefore.secondsSinceEpoch == request["notBefore"] as? Int64, "case \(index)")
            #expect(certificate.notAfter.secondsSinceEpoch == request["notAfter"] as? Int64, "case \(index)")
            #expect(certificate.signatureAlgorithm == algorithms[request["hash"] as? String ?? ""])
            #expect(certificate.extensions.count == (request["extensions"] as? Bool ?? false ? 4 : 0))
            #expect(certificate.extensions.first?.isCritical ?? true)
            guard case .p256(let key) = certificate.publicKey else {
                Issue.record("case \(index): expected a P-256 key")
                continue
            }
            #expect(key.x963Representation.hexString == response["pub"] as? String)
            #expect(certificate.verifySelfSignature(), "case \(index)")
            let privateKey = try P256.Signing.PrivateKey(rawRepresentation: [UInt8](hex: response["priv"] as? String ?? ""))
            #expect(privateKey.publicKey.rawRepresentation == key.rawRepresentation)
        }
    }
}
