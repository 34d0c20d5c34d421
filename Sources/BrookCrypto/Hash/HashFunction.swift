/// A hash output, as in CryptoKit: a fixed-length byte sequence whose equality is constant-time.
public protocol Digest: Hashable, Sendable, Sequence, CustomStringConvertible where Element == UInt8 {
    /// The digest length in bytes.
    static var byteCount: Int { get }
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Digest {
    public var description: String {
        let hex = withUnsafeBytes { buffer in
            buffer.map { byte in
                let s = String(byte, radix: 16)
                return byte < 16 ? "0" + s : s
            }.joined()
        }
        return "\(Self.self): \(hex)"
    }
}

/// A cryptographic hash function, as in CryptoKit: one-shot `hash(data:)` or incremental
/// `update(data:)` then `finalize()`. Values are copyable: copying a partially fed hasher forks it
/// (HMAC relies on this to key once and reuse the keyed states).
public protocol HashFunction: Sendable {
    associatedtype Digest: BrookCrypto.Digest
    /// The compression function's block size in bytes (HMAC pads keys to it).
    static var blockByteCount: Int { get }
    init()
    mutating func update(bufferPointer: UnsafeRawBufferPointer)
    /// The digest of everything fed so far. Does not consume the hasher.
    func finalize() -> Digest
}

extension HashFunction {
    /// The digest length in bytes.
    @inlinable public static var byteCount: Int { Digest.byteCount }

    @inlinable
    public mutating func update(data: some Collection<UInt8>) {
        withContiguousBytes(of: data) { update(bufferPointer: $0) }
    }

    @inlinable
    public static func hash(data: some Collection<UInt8>) -> Digest {
        var hasher = Self()
        hasher.update(data: data)
        return hasher.finalize()
    }

    @inlinable
    public static func hash(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var hasher = Self()
        hasher.update(bufferPointer: bufferPointer)
        return hasher.finalize()
    }
}

/// Algorithms that are broken for collision resistance but still required by protocols
/// (SHA-1 in HMAC-SHA1 for SRTP and STUN), as in CryptoKit.
public enum Insecure {}
