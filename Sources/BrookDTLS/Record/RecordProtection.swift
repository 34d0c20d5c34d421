/// AEAD protection of one direction of one epoch (RFC 5246 §6.2.3.3):
/// - AES-GCM (RFC 5288 §3): nonce = 4-byte implicit salt ‖ 8-byte explicit nonce carried in the
///   record; the explicit part is the record's epoch ‖ sequence number, which never repeats.
/// - ChaCha20-Poly1305 (RFC 7905 §2): nonce = 12-byte IV XOR the zero-padded epoch ‖ sequence;
///   nothing explicit on the wire.
/// The additional data is epoch ‖ sequence (8) ‖ type ‖ version ‖ plaintext length (RFC 6347 §4.1.2.1).
struct RecordProtection<Crypto: DTLSCryptoProvider> {
    static var tagLength: Int { 16 }
    let key: Crypto.RecordKey
    /// The implicit IV: 4 bytes (GCM) or 12 bytes (ChaCha20-Poly1305).
    let fixedIV: [UInt8]
    /// 8 for GCM's explicit nonce, 0 for ChaCha20-Poly1305.
    let explicitNonceLength: Int

    init(suite: DTLSCipherSuite, key: [UInt8], fixedIV: [UInt8]) throws(DTLSError) {
        self.key = try Crypto.prepareRecordKey(key, for: suite)
        self.fixedIV = fixedIV
        explicitNonceLength = suite == .ecdheECDSAWithChaCha20Poly1305SHA256 ? 0 : 8
    }

    private func nonce(explicit: UInt64) -> [UInt8] {
        var nonce = fixedIV
        if explicitNonceLength == 8 {
            nonce.append(u64: explicit)
        } else {
            for i in 0..<8 { nonce[4 + i] ^= UInt8(truncatingIfNeeded: explicit >> UInt64(56 - 8 * i)) }
        }
        return nonce
    }

    private static func additionalData(header: RecordHeader, plaintextLength: Int) -> [UInt8] {
        var aad: [UInt8] = []
        aad.reserveCapacity(13)
        aad.append(u64: header.epochAndSequence)
        aad.append(header.contentType)
        aad.append(u16: header.version)
        aad.append(u16: UInt16(truncatingIfNeeded: plaintextLength))
        return aad
    }

    /// Appends the protected fragment for `plaintext` under `header` (whose length is ignored) to `out`.
    func seal(_ plaintext: some Collection<UInt8>, header: RecordHeader, into out: inout [UInt8]) throws(DTLSError) {
        let explicit = header.epochAndSequence
        let nonce = nonce(explicit: explicit)
        let aad = Self.additionalData(header: header, plaintextLength: plaintext.count)
        if explicitNonceLength == 8 { out.append(u64: explicit) }
        let start = out.count
        out.append(contentsOf: plaintext)
        out.append(contentsOf: repeatElement(0, count: Self.tagLength))
        let textEnd = out.count - Self.tagLength
        let sealed: Bool = out.withUnsafeMutableBytes { buffer in
            let text = UnsafeMutableRawBufferPointer(rebasing: buffer[start..<textEnd])
            let tag = UnsafeMutableRawBufferPointer(rebasing: buffer[textEnd...])
            return nonce.withUnsafeBytes { n in
                aad.withUnsafeBytes { a in Crypto.seal(key, inPlace: text, nonce: n, authenticating: a, tag: tag) }
            }
        }
        guard sealed else { throw .cryptoFailure("record seal rejected its inputs") }
    }

    /// The plaintext of a protected fragment, or nil when it is too short or fails authentication.
    func open(_ fragment: ArraySlice<UInt8>, header: RecordHeader) -> [UInt8]? {
        let overhead = explicitNonceLength + Self.tagLength
        guard fragment.count >= overhead else { return nil }
        let explicit: UInt64
        if explicitNonceLength == 8 {
            var value: UInt64 = 0
            for byte in fragment.prefix(8) { value = value << 8 | UInt64(byte) }
            explicit = value
        } else {
            explicit = header.epochAndSequence
        }
        let nonce = nonce(explicit: explicit)
        let textCount = fragment.count - overhead
        let aad = Self.additionalData(header: header, plaintextLength: textCount)
        var text = Array(fragment.dropFirst(explicitNonceLength).prefix(textCount))
        let tag = Array(fragment.suffix(Self.tagLength))
        let opened: Bool = text.withUnsafeMutableBytes { t in
            nonce.withUnsafeBytes { n in
                aad.withUnsafeBytes { a in
                    tag.withUnsafeBytes { g in Crypto.open(key, inPlace: t, nonce: n, authenticating: a, tag: g) }
                }
            }
        }
        return opened ? text : nil
    }
}
