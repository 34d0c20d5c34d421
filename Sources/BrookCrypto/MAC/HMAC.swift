/// HMAC (RFC 2104, FIPS 198-1) over any `HashFunction`, shaped like CryptoKit's `HMAC`.
///
/// Keying absorbs the padded key into an inner and an outer hasher once; the value then holds
/// both states. Copying a keyed `HMAC` and feeding the copy computes another MAC under the same
/// key with no re-keying and no allocation.
public struct HMAC<H: HashFunction>: Sendable {
    @usableFromInline var inner: H
    @usableFromInline var outer: H

    /// Keys a new HMAC. A key longer than the hash's block is hashed first (RFC 2104 §2); a
    /// shorter one is padded with zeros.
    @inlinable
    public init(key: SymmetricKey) {
        inner = H()
        outer = H()
        key.withUnsafeBytes { keyBytes in
            let blockSize = H.blockByteCount
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockSize) { pad in
                pad.initialize(repeating: 0)
                if keyBytes.count > blockSize {
                    H.hash(bufferPointer: keyBytes).withUnsafeBytes { digest in
                        for i in 0..<min(digest.count, blockSize) { pad[i] = digest[i] }
                    }
                } else {
                    for i in 0..<keyBytes.count { pad[i] = keyBytes[i] }
                }
                // RFC 2104 §2: ipad = 0x36 repeated, opad = 0x5c repeated.
                for i in 0..<blockSize { pad[i] ^= 0x36 }
                inner.update(bufferPointer: UnsafeRawBufferPointer(pad))
                for i in 0..<blockSize { pad[i] ^= 0x36 ^ 0x5c }
                outer.update(bufferPointer: UnsafeRawBufferPointer(pad))
                pad.initialize(repeating: 0)
            }
        }
    }

    /// Feeds message bytes.
    @inlinable
    public mutating func update(data: some Collection<UInt8>) {
        inner.update(data: data)
    }

    /// Feeds message bytes from a buffer.
    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        inner.update(bufferPointer: bufferPointer)
    }

    /// The MAC of everything fed so far. Does not consume the value.
    @inlinable
    public func finalize() -> HashedAuthenticationCode<H> {
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return HashedAuthenticationCode(digest: outer.finalize())
    }

    /// The MAC of `data` under `key`.
    @inlinable
    public static func authenticationCode(for data: some Collection<UInt8>, using key: SymmetricKey) -> HashedAuthenticationCode<H> {
        var hmac = Self(key: key)
        hmac.update(data: data)
        return hmac.finalize()
    }

    /// The MAC of the bytes in `bufferPointer` under `key`.
    @inlinable
    public static func authenticationCode(bufferPointer: UnsafeRawBufferPointer, using key: SymmetricKey) -> HashedAuthenticationCode<H> {
        var hmac = Self(key: key)
        hmac.update(bufferPointer: bufferPointer)
        return hmac.finalize()
    }

    /// True when `code` is the full-length MAC of `data` under `key`. The comparison is
    /// constant-time; a code of any other length (including a truncated MAC) is rejected.
    @inlinable
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, authenticating data: some Collection<UInt8>, using key: SymmetricKey
    ) -> Bool {
        guard code.count == H.Digest.byteCount else { return false }
        // The verdict is what the caller asked for: public.
        return declassified(authenticationCode(for: data, using: key) == code)
    }

    /// True when `code` is the MAC of `data` under `key`; constant-time.
    @inlinable
    public static func isValidAuthenticationCode(
        _ code: HashedAuthenticationCode<H>, authenticating data: some Collection<UInt8>, using key: SymmetricKey
    ) -> Bool {
        // The verdict is what the caller asked for: public.
        declassified(authenticationCode(for: data, using: key) == code)
    }
}
