// The in-place AEAD APIs of BrookCrypto behind one protocol, so that one seal/open row builder
// (CryptoBenchSuite.aeadCases) serves AES-GCM and ChaCha20-Poly1305.
import BrookCrypto

/// An AEAD's in-place API, so that one seal/open row builder serves AES-GCM and ChaCha20-Poly1305.
protocol InPlaceSealer {
    associatedtype Key
    func prepared() throws -> Key
    func seal(_ key: Key, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeMutableRawBufferPointer) throws
    func open(_ key: Key, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeRawBufferPointer) throws
}

struct AESGCMSealer: InPlaceSealer {
    let key: Int

    func prepared() throws -> AES.GCM.PreparedKey {
        try AES.GCM.PreparedKey(key: SymmetricKey(data: [UInt8](repeating: 0x42, count: key)))
    }

    func seal(_ key: AES.GCM.PreparedKey, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeMutableRawBufferPointer) throws {
        try key.seal(inPlace: buffer, nonce: io.nonce, authenticating: io.aad, tag: tag)
    }

    func open(_ key: AES.GCM.PreparedKey, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeRawBufferPointer) throws {
        try key.open(inPlace: buffer, nonce: io.nonce, authenticating: io.aad, tag: tag)
    }
}

struct ChaChaPolySealer: InPlaceSealer {
    func prepared() throws -> ChaChaPoly.PreparedKey {
        try ChaChaPoly.PreparedKey(key: SymmetricKey(data: (1...32).map { UInt8($0) }))
    }

    func seal(_ key: ChaChaPoly.PreparedKey, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeMutableRawBufferPointer) throws {
        try key.seal(inPlace: buffer, nonce: io.nonce, authenticating: io.aad, tag: tag)
    }

    func open(_ key: ChaChaPoly.PreparedKey, _ buffer: UnsafeMutableRawBufferPointer, _ io: AEADInputs, tag: UnsafeRawBufferPointer) throws {
        try key.open(inPlace: buffer, nonce: io.nonce, authenticating: io.aad, tag: tag)
    }
}

/// The nonce and additional data of every AEAD row, in buffers allocated once.
final class AEADInputs {
    private let nonceStorage = BenchBuffer(copying: CryptoBenchSuite.nonce)
    private let aadStorage = BenchBuffer(copying: CryptoBenchSuite.additionalData)
    var nonce: UnsafeRawBufferPointer { UnsafeRawBufferPointer(nonceStorage.bytes) }
    var aad: UnsafeRawBufferPointer { UnsafeRawBufferPointer(aadStorage.bytes) }
}
