// swift-crypto (BoringSSL underneath) on the rows of `brook bench`. swift-crypto has no in-place
// AEAD API, so its seal/open rows include one output allocation per operation, as its users pay.
import Crypto
import _CryptoExtras
import Foundation

let options = Options(Array(CommandLine.arguments.dropFirst()))
let aad = [UInt8](repeating: 0xA5, count: 13)
let aeadSizes = [64, 1200, 16384]

func aesGCM(_ name: String, keyBits: Int) {
    let key = SymmetricKey(size: SymmetricKeySize(bitCount: keyBits))
    let nonce = AES.GCM.Nonce()
    for size in aeadSizes {
        let message = [UInt8](repeating: 0x5A, count: size)
        bench(options, op: "\(name)-seal", bytes: size) { n in
            for _ in 0..<n { consume(try! AES.GCM.seal(message, using: key, nonce: nonce, authenticating: aad)) }
        }
        let box = try! AES.GCM.seal(message, using: key, nonce: nonce, authenticating: aad)
        bench(options, op: "\(name)-open", bytes: size) { n in
            for _ in 0..<n { consume(try! AES.GCM.open(box, using: key, authenticating: aad)) }
        }
    }
}

func chachaPoly() {
    let key = SymmetricKey(size: .bits256)
    let nonce = ChaChaPoly.Nonce()
    for size in aeadSizes {
        let message = [UInt8](repeating: 0x5A, count: size)
        bench(options, op: "chacha20-poly1305-seal", bytes: size) { n in
            for _ in 0..<n { consume(try! ChaChaPoly.seal(message, using: key, nonce: nonce, authenticating: aad)) }
        }
        let box = try! ChaChaPoly.seal(message, using: key, nonce: nonce, authenticating: aad)
        bench(options, op: "chacha20-poly1305-open", bytes: size) { n in
            for _ in 0..<n { consume(try! ChaChaPoly.open(box, using: key, authenticating: aad)) }
        }
    }
}

func streamAndHashes() {
    let key = SymmetricKey(size: .bits128)
    let nonce = try! AES._CTR.Nonce(nonceBytes: [UInt8](repeating: 0, count: 16))
    for size in [1200, 16384] {
        let message = [UInt8](repeating: 0x5A, count: size)
        bench(options, op: "aes-128-ctr", bytes: size) { n in
            for _ in 0..<n { consume(try! AES._CTR.encrypt(message, using: key, nonce: nonce)) }
        }
        bench(options, op: "sha1", bytes: size) { n in
            for _ in 0..<n { consume(Insecure.SHA1.hash(data: message)) }
        }
        bench(options, op: "sha256", bytes: size) { n in
            for _ in 0..<n { consume(SHA256.hash(data: message)) }
        }
    }
    let message = [UInt8](repeating: 0x5A, count: 1200)
    let keyed = HMAC<Insecure.SHA1>(key: SymmetricKey(size: .bits256))
    bench(options, op: "hmac-sha1", bytes: 1200) { n in
        for _ in 0..<n {
            var mac = keyed
            mac.update(data: message)
            consume(mac.finalize())
        }
    }
}

func keyOperations() {
    bench(options, op: "p256-keygen") { n in
        for _ in 0..<n { consume(P256.KeyAgreement.PrivateKey().publicKey) }
    }
    let mine = P256.KeyAgreement.PrivateKey(), peer = P256.KeyAgreement.PrivateKey().publicKey
    bench(options, op: "p256-ecdh") { n in
        for _ in 0..<n { consume(try! mine.sharedSecretFromKeyAgreement(with: peer)) }
    }
    let signer = P256.Signing.PrivateKey()
    let digest = SHA256.hash(data: [UInt8](repeating: 0x5A, count: 64))
    bench(options, op: "p256-sign") { n in
        for _ in 0..<n { consume(try! signer.signature(for: digest)) }
    }
    let signature = try! signer.signature(for: digest), verifier = signer.publicKey
    bench(options, op: "p256-verify") { n in
        for _ in 0..<n { precondition(verifier.isValidSignature(signature, for: digest)) }
    }
    let x = Curve25519.KeyAgreement.PrivateKey(), xPeer = Curve25519.KeyAgreement.PrivateKey().publicKey
    bench(options, op: "x25519") { n in
        for _ in 0..<n { consume(try! x.sharedSecretFromKeyAgreement(with: xPeer)) }
    }
}

aesGCM("aes-128-gcm", keyBits: 128)
aesGCM("aes-256-gcm", keyBits: 256)
chachaPoly()
streamAndHashes()
keyOperations()
