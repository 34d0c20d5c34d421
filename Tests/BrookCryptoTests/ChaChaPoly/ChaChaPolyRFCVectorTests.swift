import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// RFC 8439's vectors for every layer: quarter round, block function, cipher, Poly1305, one-time key
/// generation and the AEAD (Vectors/chacha20-poly1305-rfc8439.txt).
@Suite("ChaChaPoly RFC 8439 vectors")
struct ChaChaPolyRFCVectorTests {
    static let file: RSPFile = {
        let url = TestEnvironment.vectorFile("chacha20-poly1305-rfc8439.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return RSPFile(text: text)
    }()

    /// The records whose section starts with `prefix`; fails when there are fewer than `minimum`.
    static func records(_ prefix: String, minimum: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [RSPFile.Record] {
        let found = file.records.filter { $0.sections.first?.hasPrefix(prefix) == true }
        #expect(found.count >= minimum, "expected at least \(minimum) records in [\(prefix)…]", sourceLocation: sourceLocation)
        return found
    }

    static func words(_ hex: String) -> [UInt32] {
        let bytes = [UInt8](hex: hex)
        return stride(from: 0, to: bytes.count, by: 4).map { i in
            bytes[i..<i + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
    }

    @Test func quarterRound() throws {
        for r in Self.records("RFC 8439 §2.1.1", minimum: 1) {
            let w = Self.words(try r.vectorText("Words"))
            var (a, b, c, d) = (w[0], w[1], w[2], w[3])
            chachaQuarterRound(&a, &b, &c, &d)
            let expected = Self.words(try r.vectorText("Result"))
            #expect([a, b, c, d] == expected, "line \(r.line)")
        }
    }

    @Test func quarterRoundOnState() throws {
        for r in Self.records("RFC 8439 §2.2.1", minimum: 1) {
            var s = Self.words(try r.vectorText("State"))
            let i = try r.vectorText("Indices").split(separator: ",").compactMap { Int($0) }
            try #require(i.count == 4)
            var (a, b, c, d) = (s[i[0]], s[i[1]], s[i[2]], s[i[3]])
            chachaQuarterRound(&a, &b, &c, &d)
            (s[i[0]], s[i[1]], s[i[2]], s[i[3]]) = (a, b, c, d)
            let expected = Self.words(try r.vectorText("Result"))
            #expect(s == expected, "line \(r.line)")
        }
    }

    @Test func blockFunction() throws {
        let records = Self.records("RFC 8439 §2.3.2", minimum: 1) + Self.records("RFC 8439 A.1", minimum: 5)
        for r in records {
            let key = try r.vectorHex("Key"), nonce = try r.vectorHex("Nonce")
            let counter = try r.vectorNumber("Counter", as: UInt32.self)
            let expected = try r.vectorHex("Block")
            #expect(ChaCha20.block(key: key, nonce: nonce, counter: counter) == expected, "line \(r.line)")
            // The same block through the stream (and, from 256 bytes on, the vectorised path).
            #expect(ChaCha20.xor(key: key, nonce: nonce, counter: counter, [UInt8](repeating: 0, count: 64)) == expected)
            let four = ChaCha20.xor(key: key, nonce: nonce, counter: counter, [UInt8](repeating: 0, count: 256))
            #expect(Array(four[0..<64]) == expected, "line \(r.line), four-block path")
        }
    }

    @Test func encryption() throws {
        let records = Self.records("RFC 8439 §2.4.2", minimum: 1) + Self.records("RFC 8439 A.2", minimum: 3)
        for r in records {
            let key = try r.vectorHex("Key"), nonce = try r.vectorHex("Nonce")
            let counter = try r.vectorNumber("Counter", as: UInt32.self)
            let plaintext = try r.vectorHex("Plaintext"), ciphertext = try r.vectorHex("Ciphertext")
            #expect(ChaCha20.xor(key: key, nonce: nonce, counter: counter, plaintext) == ciphertext, "line \(r.line)")
            #expect(ChaCha20.xor(key: key, nonce: nonce, counter: counter, ciphertext) == plaintext, "line \(r.line)")
        }
    }

    @Test func poly1305() throws {
        let records = Self.records("RFC 8439 §2.5.2", minimum: 1) + Self.records("RFC 8439 A.3", minimum: 11)
        for r in records {
            let key = try r.vectorHex("Key"), message = try r.vectorHex("Message")
            let tag = try r.vectorHex("Tag")
            #expect(Poly1305.authenticationCode(message: message, key: key) == tag, "line \(r.line)")
        }
    }

    @Test func oneTimeKeyGeneration() throws {
        let records = Self.records("RFC 8439 §2.6.2", minimum: 1) + Self.records("RFC 8439 A.4", minimum: 3)
        for r in records {
            let key = try r.vectorHex("Key"), nonce = try r.vectorHex("Nonce")
            let block = ChaCha20.block(key: key, nonce: nonce, counter: 0)
            let expected = try r.vectorHex("OneTimeKey")
            #expect(Array(block[0..<32]) == expected, "line \(r.line)")
        }
    }

    @Test func aead() throws {
        let records = Self.records("RFC 8439 §2.8.2", minimum: 1) + Self.records("RFC 8439 A.5", minimum: 1)
        for r in records {
            let key = SymmetricKey(data: try r.vectorHex("Key"))
            let nonce = try ChaChaPoly.Nonce(data: try r.vectorHex("Nonce"))
            let aad = try r.vectorHex("AAD"), plaintext = try r.vectorHex("Plaintext")
            let ciphertext = try r.vectorHex("Ciphertext"), tag = try r.vectorHex("Tag")

            // The one-time key the AEAD derives (RFC 8439 §2.6).
            let oneTimeKey = Array(ChaCha20.block(key: try r.vectorHex("Key"), nonce: Array(nonce), counter: 0)[0..<32])
            let expectedOneTimeKey = try r.vectorHex("OneTimeKey")
            #expect(oneTimeKey == expectedOneTimeKey, "line \(r.line)")

            let box = try ChaChaPoly.seal(plaintext, using: key, nonce: nonce, authenticating: aad)
            #expect(box.ciphertext == ciphertext, "line \(r.line)")
            #expect(box.tag == tag, "line \(r.line)")
            #expect(box.combined == Array(nonce) + ciphertext + tag)

            let received = try ChaChaPoly.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
            #expect(try ChaChaPoly.open(received, using: key, authenticating: aad) == plaintext, "line \(r.line)")
            #expect(throws: CryptoKitError.authenticationFailure) {
                try ChaChaPoly.open(received, using: key, authenticating: aad + [0])
            }
        }
    }
}
