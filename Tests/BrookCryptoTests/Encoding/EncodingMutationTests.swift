import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Random corruption of valid encodings never traps: every outcome is a value or a `CryptoKitError`.
/// Strict DER is canonical, so a mutated signature or SPKI that still parses re-encodes to itself.
@Suite("Encoding mutation robustness")
struct EncodingMutationTests {
    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !out.isEmpty: out[Int.random(in: 0..<out.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            case 1 where !out.isEmpty: out[Int.random(in: 0..<out.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 2: out = Array(out.prefix(Int.random(in: 0...out.count, using: &rng)))
            case 3: out.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...out.count, using: &rng))
            case 4 where !out.isEmpty: out.remove(at: Int.random(in: 0..<out.count, using: &rng))
            default: out += rng.bytes(Int.random(in: 1...4, using: &rng))
            }
        }
        return out
    }

    @Test func signatures() {
        var rng = SeededGenerator(seed: 0xF422_0001)
        var accepted = 0
        for _ in 0..<3000 {
            let valid = ECDSASignatureEncoding.der(r: ECDSASignatureEncodingTests.randomScalar(&rng), s: ECDSASignatureEncodingTests.randomScalar(&rng))
            let mutated = Self.mutate(valid, &rng)
            do {
                let (r, s) = try ECDSASignatureEncoding.parseDER(mutated)
                accepted += 1
                #expect(ECDSASignatureEncoding.der(r: r, s: s) == mutated, "\(mutated.hexString)")
            } catch {
                #expect(error == .invalidSignatureEncoding)
            }
        }
        // Byte changes inside the INTEGER values keep the encoding valid: some must be accepted.
        #expect(accepted > 100)
    }

    @Test func keys() throws {
        let fixture = try P256KeyEncodingTests.fixture()
        let record = try #require(fixture.records.first { $0.has("SEC1") })
        let sec1 = try #require(record.bytes("SEC1")), pkcs8 = try #require(record.bytes("PKCS8"))
        let spki = try #require(record.bytes("SPKI")), compressed = try #require(record.bytes("CompressedSPKI"))
        let pemText = P256KeyEncoding.pem(label: "PRIVATE KEY", der: pkcs8)
        var rng = SeededGenerator(seed: 0xF422_0002)
        var outcomes = [String: Int]()
        for round in 0..<4000 {
            let source = [sec1, pkcs8, spki, compressed][round % 4]
            let mutated = Self.mutate(source, &rng)
            for form in 0..<3 {
                do {
                    let key = switch form {
                    case 0: try P256KeyEncoding.parseSEC1(mutated)
                    case 1: try P256KeyEncoding.parsePKCS8(mutated)
                    default: try P256KeyEncoding.parsePrivateKeyDER(mutated)
                    }
                    #expect(key.scalar.count == 32)
                    outcomes["private ok", default: 0] += 1
                } catch {
                    outcomes["\(error)", default: 0] += 1
                }
            }
            do {
                let point = try P256KeyEncoding.parseSPKI(mutated)
                #expect(P256KeyEncoding.spki(x963Point: point) == mutated)
            } catch {
                outcomes["\(error)", default: 0] += 1
            }
            let text = Self.mutate(Array(pemText.utf8), &rng)
            do {
                _ = try P256KeyEncoding.parsePEM(String(decoding: text, as: UTF8.self))
            } catch {
                outcomes["pem \(error)", default: 0] += 1
            }
        }
        #expect(outcomes["private ok", default: 0] > 0)
        #expect(outcomes["invalidDER", default: 0] > 0)
    }
}
