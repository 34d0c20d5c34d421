@testable import BrookVectors

/// A scripted stand-in for BrookCrypto, so the runners' parsing, dispatch and scoring can be checked
/// exactly, independently of the primitives.
enum FakeBackend {
    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    /// "AEAD": ct = msg XOR key[0]; the tag is `tagByteCount` copies of key[0] + aad.count; an empty
    /// nonce is refused; open refuses a wrong tag.
    static let aead = CryptoBackend.AEAD(
        seal: { key, nonce, aad, message, tagByteCount in
            guard !nonce.isEmpty else { throw Refused(description: "empty nonce") }
            return (message.map { $0 ^ key[0] }, tag(key, aad, tagByteCount))
        },
        open: { key, nonce, aad, ciphertext, tag in
            guard !nonce.isEmpty else { throw Refused(description: "empty nonce") }
            guard tag == FakeBackend.tag(key, aad, tag.count) else { throw Refused(description: "bad tag") }
            return ciphertext.map { $0 ^ key[0] }
        }
    )

    static func tag(_ key: [UInt8], _ aad: [UInt8], _ count: Int) -> [UInt8] {
        [UInt8](repeating: key[0] &+ UInt8(truncatingIfNeeded: aad.count), count: count)
    }

    /// Everything scripted: ECDH and X25519 "shared secret" = private XOR public (refusing a public
    /// key starting 0xff); ECDSA "verifies" when the last byte of the signature's first half (r) equals the message's first byte.
    static let backend: CryptoBackend = {
        var backend = CryptoBackend()
        backend.aeads = ["AES-GCM": aead]
        backend.macs = ["HMACSHA256": { key, message in [UInt8](repeating: UInt8(truncatingIfNeeded: key.count + message.count), count: 32) }]
        backend.p256SharedSecret = { privateKey, publicKey, _ in
            guard publicKey.first != 0xff else { throw Refused(description: "invalidPublicKey") }
            return zip(privateKey, publicKey).map { $0 ^ $1 }
        }
        backend.x25519SharedSecret = { privateKey, publicKey in
            guard publicKey.first != 0xff else { throw Refused(description: "zeroSharedSecret") }
            return zip(privateKey, publicKey).map { $0 ^ $1 }
        }
        backend.p256Verify = { _, _, signature, _, message in
            guard !signature.isEmpty else { throw Refused(description: "invalidSignatureEncoding") }
            return signature[signature.count / 2 - 1] == message.first
        }
        return backend
    }()
}
