import BrookCrypto

/// The key of MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256, keyed once and reused for every message.
///
/// ICE uses short-term credentials (RFC 8489 §9.1.1): the key is the password itself. ICE passwords are
/// `ice-char` strings (RFC 8839 §5.4), which OpaqueString leaves unchanged, so the UTF-8 bytes are the key.
public struct STUNIntegrityKey: Sendable {
    @usableFromInline let sha1: HMAC<Insecure.SHA1>
    @usableFromInline let sha256: HMAC<SHA256>

    /// The key for raw key bytes (a long-term key, RFC 8489 §9.2.2, is computed by the caller).
    public init(keyBytes: some Collection<UInt8>) {
        let key = SymmetricKey(data: keyBytes)
        sha1 = HMAC(key: key)
        sha256 = HMAC(key: key)
    }

    /// The short-term key for `password` (RFC 8489 §9.1.1).
    public init(shortTermPassword password: String) {
        self.init(keyBytes: Array(password.utf8))
    }

    /// HMAC over `message[0..<end]` as if the header's length field held `length` (RFC 8489 §14.5).
    static func code<H>(_ keyed: HMAC<H>, message: UnsafeRawBufferPointer, end: Int, length: Int) -> HashedAuthenticationCode<H> {
        var hmac = keyed
        var header: (UInt8, UInt8, UInt8, UInt8) = (message[0], message[1], UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length))
        withUnsafeBytes(of: &header) { hmac.update(bufferPointer: $0) }
        hmac.update(bufferPointer: UnsafeRawBufferPointer(rebasing: message[4..<end]))
        return hmac.finalize()
    }
}
