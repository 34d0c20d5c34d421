// Issue 3's claim: no allocation per operation on the in-place AES-GCM and ChaCha20-Poly1305 paths
// (`PreparedKey` seal and open over caller buffers), and none in HMAC once keyed (update and
// finalize on a copy of a keyed value).
import BrookCrypto

/// A 1200-byte message (a WebRTC packet), 13 bytes of AAD (a DTLS 1.2 record header).
private let messageLength = 1200
private let aadLength = 13

var cryptoProbes: [Probe] {
    [
        aeadProbe("aes-128-gcm-seal-in-place", key: 16, open: false, AESGCMKey.self),
        aeadProbe("aes-128-gcm-open-in-place", key: 16, open: true, AESGCMKey.self),
        aeadProbe("aes-256-gcm-seal-in-place", key: 32, open: false, AESGCMKey.self),
        aeadProbe("aes-256-gcm-open-in-place", key: 32, open: true, AESGCMKey.self),
        aeadProbe("chacha20-poly1305-seal-in-place", key: 32, open: false, ChaChaPolyKey.self),
        aeadProbe("chacha20-poly1305-open-in-place", key: 32, open: true, ChaChaPolyKey.self),
        hmacProbe("hmac-sha1-keyed-update-finalize", Insecure.SHA1.self),
        hmacProbe("hmac-sha256-keyed-update-finalize", SHA256.self),
    ]
}

/// The two prepared-key AEADs behind one interface, so one probe covers both.
protocol InPlaceAEADKey {
    init(key: SymmetricKey) throws(CryptoKitError)
    func seal(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeMutableRawBufferPointer) throws(CryptoKitError)
    func open(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeRawBufferPointer) throws(CryptoKitError)
}

struct AESGCMKey: InPlaceAEADKey {
    let key: AES.GCM.PreparedKey
    init(key: SymmetricKey) throws(CryptoKitError) { self.key = try AES.GCM.PreparedKey(key: key) }
    func seal(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeMutableRawBufferPointer) throws(CryptoKitError) {
        try key.seal(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    func open(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeRawBufferPointer) throws(CryptoKitError) {
        try key.open(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
}

struct ChaChaPolyKey: InPlaceAEADKey {
    let key: ChaChaPoly.PreparedKey
    init(key: SymmetricKey) throws(CryptoKitError) { self.key = try ChaChaPoly.PreparedKey(key: key) }
    func seal(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeMutableRawBufferPointer) throws(CryptoKitError) {
        try key.seal(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    func open(buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
              tag: UnsafeRawBufferPointer) throws(CryptoKitError) {
        try key.open(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
}

/// Seal: each call encrypts the buffer again under the next nonce. Open: messages sealed beforehand
/// (one per call, each under its own nonce) are opened in place, and the last is checked.
func aeadProbe<Key: InPlaceAEADKey>(_ name: String, key keyLength: Int, open: Bool, _: Key.Type) -> Probe {
    Probe(name) { iterations in
        let key = try Key(key: SymmetricKey(data: (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 7) }))
        let count = iterations + 1
        let texts = ProbeBuffer(count: count * messageLength, filler: 0x5A)
        let tags = ProbeBuffer(count: count * 16)
        let nonces = ProbeBuffer(count: count * 12)
        let aad = ProbeBuffer(count: aadLength, filler: 0xA5)
        for index in 0..<count {
            nonces.bytes.storeBytes(of: UInt32(index).bigEndian, toByteOffset: index * 12 + 8, as: UInt32.self)
        }
        func text(_ i: Int) -> UnsafeMutableRawBufferPointer { texts.slice(i * messageLength, messageLength) }
        func tag(_ i: Int) -> UnsafeMutableRawBufferPointer { tags.slice(i * 16, 16) }
        func nonce(_ i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(nonces.slice(i * 12, 12)) }
        // Through the buffer object, so that the closures keep it alive.
        func additional() -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(aad.bytes) }
        if !open {
            return ProbeBody { i in try key.seal(buffer: text(0), nonce: nonce(i), aad: additional(), tag: tag(0)) }
        }
        for i in 0..<count { try key.seal(buffer: text(i), nonce: nonce(i), aad: additional(), tag: tag(i)) }
        return ProbeBody(
            operation: { i in try key.open(buffer: text(i), nonce: nonce(i), aad: additional(), tag: UnsafeRawBufferPointer(tag(i))) },
            verify: { if texts.bytes.contains(where: { $0 != 0x5A }) { throw ProbeFailure("\(name): wrong plaintext") } })
    }
}

/// HMAC keyed once; each call copies the keyed value, feeds 1200 bytes and finalizes, keeping the
/// code. The last code is compared with the one-shot API afterwards.
func hmacProbe<H: HashFunction>(_ name: String, _: H.Type) -> Probe {
    Probe(name) { iterations in
        let key = SymmetricKey(data: (0..<20).map { UInt8($0) })
        let keyed = HMAC<H>(key: key)
        let message = ProbeBuffer(count: messageLength, filler: 0x5A)
        let out = ProbeBuffer(count: 64)
        return ProbeBody(
            operation: { _ in
                var mac = keyed
                mac.update(bufferPointer: UnsafeRawBufferPointer(message.bytes))
                mac.finalize().withUnsafeBytes { out.bytes.copyMemory(from: $0) }
            },
            verify: {
                let expected = HMAC<H>.authenticationCode(bufferPointer: UnsafeRawBufferPointer(message.bytes), using: key)
                guard expected == UnsafeRawBufferPointer(rebasing: out.bytes.prefix(H.Digest.byteCount)) else {
                    throw ProbeFailure("\(name): wrong code")
                }
            })
    }
}
