import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// RFC 5903 and RFC 6979 vectors transcribed into Vectors/, and the NIST CAVP ECDSA and KAS files.
@Suite("P256 known-answer vectors")
struct P256KnownAnswerTests {
    typealias H = P256TestHelpers

    static func records(_ url: URL?) throws -> [RSPFile.Record]? {
        guard let url else { return nil }
        return RSPFile(text: try String(contentsOf: url, encoding: .utf8)).records
    }

    @Test func rfc5903KeyExchange() throws {
        let records = try #require(try Self.records(TestEnvironment.vectorFile("p256-ecdh-rfc5903.txt")))
        let v = try #require(records.first)
        let initiator = try P256.KeyAgreement.PrivateKey(rawRepresentation: try v.need("i"))
        let responder = try P256.KeyAgreement.PrivateKey(rawRepresentation: try v.need("r"))
        #expect(initiator.publicKey.rawRepresentation == (try v.need("gix")) + (try v.need("giy")))
        #expect(responder.publicKey.rawRepresentation == (try v.need("grx")) + (try v.need("gry")))
        let a = try initiator.sharedSecretFromKeyAgreement(with: responder.publicKey)
        let b = try responder.sharedSecretFromKeyAgreement(with: initiator.publicKey)
        #expect(Array(a) == v.bytes("girx"))
        #expect(a == b)
        // The common value's y-coordinate, through the internal multiplication.
        let common = P256Point(initiator.publicKey.material.point).multiplied(by: H.limbs(try v.need("r")))
        #expect(H.affineBytes(common)?.y == v.bytes("giry"))
    }

    @Test func rfc6979DeterministicSignatures() throws {
        let records = try #require(try Self.records(TestEnvironment.vectorFile("p256-ecdsa-rfc6979.txt")))
        let key = try #require(records.first { $0.has("x") })
        let x = try key.need("x")
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: x)
        #expect(privateKey.publicKey.rawRepresentation == (try key.need("Ux")) + (try key.need("Uy")))
        let signatures = records.filter { $0.has("k") }
        #expect(signatures.count == 8)
        for v in signatures {
            let hashName = try v.text("Hash"), message = Array(try v.text("Msg").utf8)
            let expected = (try v.need("r")) + (try v.need("s"))
            let checked = H.withHash(named: hashName) { hash -> Bool in
                let digest = H.digest(hash, message)
                #expect(H.nonce(hash, digest: digest, privateKey: x) == v.bytes("k"), "k for \(hashName) \(message)")
                #expect(H.sign(hash, digest: digest, privateKey: x).rawRepresentation == expected, "\(hashName)")
                let signature = try? P256.Signing.ECDSASignature(rawRepresentation: expected)
                return digest.withUnsafeBytes { buffer in
                    signature.map { ECDSA.verify(r: $0.r, s: $0.s, digest: buffer, publicKey: privateKey.publicKey.material.point) } ?? false
                }
            }
            #expect(checked == true, "\(hashName) verifies")
            if hashName == "SHA-256" {
                #expect(try privateKey.signature(for: message).rawRepresentation == expected)
                let signature = try P256.Signing.ECDSASignature(rawRepresentation: expected)
                #expect(privateKey.publicKey.isValidSignature(signature, for: message))
                #expect(!privateKey.publicKey.isValidSignature(signature, for: message + [0]))
            }
        }
    }

    @Test func cavpSigGenWithGivenNonces() throws {
        guard let records = try Self.records(TestEnvironment.cavpFile("asymmetric/ECDSA/FIPS_186-3/SigGen.txt")) else { return }
        let section = records.filter { $0.sections.last == "P-256,SHA-256" }
        #expect(section.count == 15)
        for v in section {
            let message = try v.need("Msg"), d = try v.need("d")
            let key = try P256.Signing.PrivateKey(rawRepresentation: d)
            #expect(key.publicKey.rawRepresentation == (try v.need("Qx")) + (try v.need("Qy")))
            let digest = Array(SHA256.hash(data: message))
            let k = try v.need("k")
            let e = digest.withUnsafeBytes { ECDSA.bits2int($0) }
            let signature = try #require(ECDSA.sign(digest: e, nonce: H.limbs(k), privateKey: H.limbs(d)))
            #expect(signature.rawRepresentation == (try v.need("R")) + (try v.need("S")), "line \(v.line)")
            #expect(key.publicKey.isValidSignature(signature, for: message))
        }
    }

    @Test func cavpSigVer() throws {
        guard let records = try Self.records(TestEnvironment.cavpFile("asymmetric/ECDSA/FIPS_186-3/SigVer.rsp")) else { return }
        let section = records.filter { $0.sections.last == "P-256,SHA-256" }
        #expect(section.count == 15)
        for v in section {
            let pass = try v.text("Result").hasPrefix("P")
            let message = try v.need("Msg")
            let accepted: Bool
            if let qx = H.fixed32(hex: try v.text("Qx")), let qy = H.fixed32(hex: try v.text("Qy")),
               let r = H.fixed32(hex: try v.text("R")), let s = H.fixed32(hex: try v.text("S")),
               let key = try? P256.Signing.PublicKey(rawRepresentation: qx + qy) {
                accepted = key.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: r + s), for: message)
            } else {
                accepted = false
            }
            #expect(accepted == pass, "line \(v.line): \(v["Result"] ?? "")")
        }
    }

    @Test func cavpKeyPairs() throws {
        guard let records = try Self.records(TestEnvironment.cavpFile("asymmetric/ECDSA/FIPS_186-3/KeyPair.rsp")) else { return }
        let section = records.filter { $0.sections.first == "P-256" && $0.has("d") }
        #expect(section.count == 10)
        for v in section {
            let key = try P256.KeyAgreement.PrivateKey(rawRepresentation: try v.need32("d"))
            let expected = (try v.need32("Qx")) + (try v.need32("Qy"))
            #expect(key.publicKey.rawRepresentation == expected, "line \(v.line)")
        }
    }

    @Test func cavpPublicKeyValidation() throws {
        guard let records = try Self.records(TestEnvironment.cavpFile("asymmetric/ECDSA/FIPS_186-3/PKV.rsp")) else { return }
        let section = records.filter { $0.sections.last == "P-256" && $0.has("Qx") }
        #expect(section.count == 12)
        for v in section {
            let pass = try v.text("Result").hasPrefix("P")
            var accepted = false
            if let qx = H.fixed32(hex: try v.text("Qx")), let qy = H.fixed32(hex: try v.text("Qy")) {
                accepted = (try? P256.KeyAgreement.PublicKey(rawRepresentation: qx + qy)) != nil
                #expect(((try? P256.Signing.PublicKey(x963Representation: [0x04] + qx + qy)) != nil) == accepted)
            }
            #expect(accepted == pass, "line \(v.line): \(v["Result"] ?? "")")
        }
    }

    @Test(arguments: ["init", "resp"])
    func cavpKASZZOnly(role: String) throws {
        let path = "asymmetric/ECDH/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_\(role).fax"
        guard let records = try Self.records(TestEnvironment.cavpFile(path)) else { return }
        let section = records.filter { $0.sections.last == "EC - SHA256" && $0.has("Z") }
        #expect(section.count == 30)
        for v in section {
            let pass = try v.text("Result").hasPrefix("P")
            func point(_ x: String, _ y: String) -> P256.KeyAgreement.PublicKey? {
                guard let qx = H.fixed32(hex: v[x] ?? ""), let qy = H.fixed32(hex: v[y] ?? "") else { return nil }
                return try? P256.KeyAgreement.PublicKey(rawRepresentation: qx + qy)
            }
            let z = try v.need32("Z")
            var accepted = false
            if let peer = point("QsCAVSx", "QsCAVSy"), let own = point("QsIUTx", "QsIUTy"),
               let d = H.fixed32(hex: v["dsIUT"] ?? ""), let key = try? P256.KeyAgreement.PrivateKey(rawRepresentation: d),
               key.publicKey.rawRepresentation == own.rawRepresentation,
               let secret = try? key.sharedSecretFromKeyAgreement(with: peer) {
                accepted = Array(secret) == z
                if pass, let cavsKey = try? P256.KeyAgreement.PrivateKey(rawRepresentation: try v.need32("dsCAVS")) {
                    #expect(Array(try cavsKey.sharedSecretFromKeyAgreement(with: own)) == z, "other direction, line \(v.line)")
                }
            }
            #expect(accepted == pass, "line \(v.line): \(v["Result"] ?? "")")
        }
    }
}

extension RSPFile.Record {
    func text(_ name: String) throws -> String {
        guard let value = self[name] else { throw MissingVectorField(name: name, line: line) }
        return value
    }
    func need(_ name: String) throws -> [UInt8] {
        guard let value = bytes(name) else { throw MissingVectorField(name: name, line: line) }
        return value
    }
    /// A hex integer as 32 big-endian bytes.
    func need32(_ name: String) throws -> [UInt8] {
        guard let value = P256TestHelpers.fixed32(hex: try text(name)) else { throw MissingVectorField(name: name, line: line) }
        return value
    }
}
