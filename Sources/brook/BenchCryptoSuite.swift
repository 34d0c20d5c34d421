// The BrookCrypto rows of `brook bench` (issue 3): AEADs through the in-place `PreparedKey` APIs
// (the per-record path of DTLS and SRTP), AES-128-CTR, hashes, keyed HMAC, P-256 and X25519.
// Every reference program measures the same rows with the same inputs (Benchmarks/README.md):
// 13 bytes of additional data (a DTLS 1.2 record header), 12-byte nonces, the ciphertext restored by
// a copy before each open.
import BrookCrypto

enum CryptoBenchSuite: BenchSuite {
    static let aeadSizes = [64, 1200, 16384]
    static let streamSizes = [1200, 16384]
    static let additionalData = [UInt8](repeating: 0xA5, count: 13)
    static let nonce = [UInt8](repeating: 0x24, count: 12)

    static var cases: [BenchCase] {
        aeadCases("aes-128-gcm", AESGCMSealer(key: 16))
            + aeadCases("aes-256-gcm", AESGCMSealer(key: 32))
            + aeadCases("chacha20-poly1305", ChaChaPolySealer())
            + streamCases() + keyCases()
    }

    /// Seal and open at each AEAD size.
    static func aeadCases(_ name: String, _ sealer: some InPlaceSealer) -> [BenchCase] {
        aeadSizes.flatMap { size in
            [
                BenchCase("\(name)-seal", bytes: size) {
                    let buffer = BenchBuffer(count: size, filler: 0x5A), tag = BenchBuffer(count: 16)
                    let key = try sealer.prepared(), io = AEADInputs()
                    return { n in
                        for _ in 0..<n { try sealer.seal(key, buffer.bytes, io, tag: tag.bytes) }
                    }
                },
                BenchCase("\(name)-open", bytes: size) {
                    let buffer = BenchBuffer(count: size, filler: 0x5A), tag = BenchBuffer(count: 16)
                    let key = try sealer.prepared(), io = AEADInputs()
                    try sealer.seal(key, buffer.bytes, io, tag: tag.bytes)
                    let sealed = BenchBuffer(copying: buffer)
                    return { n in
                        for _ in 0..<n {
                            buffer.restore(from: sealed)
                            try sealer.open(key, buffer.bytes, io, tag: UnsafeRawBufferPointer(tag.bytes))
                        }
                    }
                },
            ]
        }
    }

    static func streamCases() -> [BenchCase] {
        let key = SymmetricKey(data: [UInt8](repeating: 0x42, count: 32))
        let sized = streamSizes.flatMap { size in
            [
                BenchCase("aes-128-ctr", bytes: size) {
                    let buffer = BenchBuffer(count: size, filler: 0x5A)
                    let ctr = try AES.CTR(key: SymmetricKey(data: [UInt8](repeating: 0x42, count: 16)))
                    let counter = BenchBuffer(count: 16)
                    return { n in
                        for _ in 0..<n {
                            try ctr.applyKeystream(to: buffer.bytes, initialCounter: UnsafeRawBufferPointer(counter.bytes))
                        }
                    }
                },
                BenchCase("sha1", bytes: size) {
                    let buffer = BenchBuffer(count: size, filler: 0x5A)
                    return { n in
                        for _ in 0..<n { blackHole(Insecure.SHA1.hash(bufferPointer: UnsafeRawBufferPointer(buffer.bytes))) }
                    }
                },
                BenchCase("sha256", bytes: size) {
                    let buffer = BenchBuffer(count: size, filler: 0x5A)
                    return { n in
                        for _ in 0..<n { blackHole(SHA256.hash(bufferPointer: UnsafeRawBufferPointer(buffer.bytes))) }
                    }
                },
            ]
        }
        let hmac = BenchCase("hmac-sha1", bytes: 1200) {
            let buffer = BenchBuffer(count: 1200, filler: 0x5A)
            let keyed = HMAC<Insecure.SHA1>(key: key)
            return { n in
                for _ in 0..<n {
                    var mac = keyed
                    mac.update(bufferPointer: UnsafeRawBufferPointer(buffer.bytes))
                    blackHole(mac.finalize())
                }
            }
        }
        return sized + [hmac]
    }

    static func keyCases() -> [BenchCase] {
        [
            BenchCase("p256-keygen") {
                { n in for _ in 0..<n { blackHole(P256.KeyAgreement.PrivateKey()) } }
            },
            BenchCase("p256-ecdh") {
                let mine = P256.KeyAgreement.PrivateKey(), peer = P256.KeyAgreement.PrivateKey().publicKey
                return { n in for _ in 0..<n { blackHole(try mine.sharedSecretFromKeyAgreement(with: peer)) } }
            },
            BenchCase("p256-sign") {
                let signer = P256.Signing.PrivateKey()
                let digest = SHA256.hash(data: [UInt8](repeating: 0x5A, count: 64))
                return { n in for _ in 0..<n { blackHole(try signer.signature(forDigest: digest)) } }
            },
            BenchCase("p256-verify") {
                let signer = P256.Signing.PrivateKey()
                let digest = SHA256.hash(data: [UInt8](repeating: 0x5A, count: 64))
                let signature = try signer.signature(forDigest: digest), verifier = signer.publicKey
                return { n in
                    for _ in 0..<n where !verifier.isValidSignature(signature, forDigest: digest) {
                        throw BenchError.failed("p256-verify rejected a valid signature")
                    }
                }
            },
            BenchCase("x25519") {
                let mine = Curve25519.KeyAgreement.PrivateKey()
                let peer = Curve25519.KeyAgreement.PrivateKey().publicKey
                return { n in for _ in 0..<n { blackHole(try mine.sharedSecretFromKeyAgreement(with: peer)) } }
            },
        ]
    }
}
