/// AEAD protection of one direction of one epoch (RFC 5246 §6.2.3.3):
/// - AES-GCM (RFC 5288 §3): nonce = 4-byte implicit salt ‖ 8-byte explicit nonce carried in the
///   record; the explicit part is the record's epoch ‖ sequence number, which never repeats.
/// - ChaCha20-Poly1305 (RFC 7905 §2): nonce = 12-byte IV XOR the zero-padded epoch ‖ sequence;
///   nothing explicit on the wire.
/// The additional data is epoch ‖ sequence (8) ‖ type ‖ version ‖ plaintext length (RFC 6347 §4.1.2.1).
struct RecordProtection<Crypto: DTLSCryptoProvider> {
    static var tagLength: Int { 16 }
    let key: Crypto.RecordKey
    /// The implicit IV, 4 bytes (GCM) or 12 bytes (ChaCha20-Poly1305), zero-padded to the 12 bytes
    /// of a nonce and held big-endian in two words (no heap, no bounds checks per record).
    let fixedIVHead: UInt64, fixedIVTail: UInt32
    /// 8 for GCM's explicit nonce, 0 for ChaCha20-Poly1305.
    let explicitNonceLength: Int

    /// `key` and `fixedIV` as the key block holds them (RFC 5246 §6.3); `fixedIV` is at most 12 bytes.
    init(suite: DTLSCipherSuite, key: some Collection<UInt8>, fixedIV: some Collection<UInt8>) throws(DTLSError) {
        guard fixedIV.count <= 12 else { throw .cryptoFailure("record IV longer than a nonce") }
        self.key = try Crypto.prepareRecordKey(Array(key), for: suite)
        var head: UInt64 = 0, tail: UInt32 = 0
        for (index, byte) in fixedIV.enumerated() {
            if index < 8 { head |= UInt64(byte) << UInt64(56 - 8 * index) } else { tail |= UInt32(byte) << UInt32(88 - 8 * index) }
        }
        fixedIVHead = head
        fixedIVTail = tail
        explicitNonceLength = suite == .ecdheECDSAWithChaCha20Poly1305SHA256 ? 0 : 8
    }

    /// Runs `body` with the 12-byte nonce and 13-byte additional data on the stack (no allocation).
    @inline(__always)
    private func withNonceAndAAD<R>(
        explicit: UInt64, header: RecordHeader, plaintextLength: Int,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(byteCount: 25, alignment: 8) { scratch in
            let nonce = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<12])
            let aad = UnsafeMutableRawBufferPointer(rebasing: scratch[12..<25])
            let sequence = header.epochAndSequence
            nonce.storeBytes(of: fixedIVHead.bigEndian, toByteOffset: 0, as: UInt64.self)
            nonce.storeBytes(of: fixedIVTail.bigEndian, toByteOffset: 8, as: UInt32.self)
            for i in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: explicit >> UInt64(56 - 8 * i))
                // GCM: salt ‖ explicit nonce (RFC 5288 §3); ChaCha20-Poly1305: IV XOR sequence (RFC 7905 §2).
                if explicitNonceLength == 8 { nonce[4 + i] = byte } else { nonce[4 + i] ^= byte }
                aad[i] = UInt8(truncatingIfNeeded: sequence >> UInt64(56 - 8 * i))
            }
            aad[8] = header.contentType
            aad[9] = UInt8(truncatingIfNeeded: header.version >> 8)
            aad[10] = UInt8(truncatingIfNeeded: header.version)
            aad[11] = UInt8(truncatingIfNeeded: plaintextLength >> 8)
            aad[12] = UInt8(truncatingIfNeeded: plaintextLength)
            return body(UnsafeRawBufferPointer(nonce), UnsafeRawBufferPointer(aad))
        }
    }

    /// Appends the protected fragment for `plaintext` under `header` (whose length is ignored) to `out`.
    func seal(_ plaintext: some Collection<UInt8>, header: RecordHeader, into out: inout [UInt8]) throws(DTLSError) {
        let explicit = header.epochAndSequence
        let length = plaintext.count
        if explicitNonceLength == 8 { out.append(u64: explicit) }
        let start = out.count
        out.append(contentsOf: plaintext)
        out.append(contentsOf: repeatElement(0, count: Self.tagLength))
        let textEnd = out.count - Self.tagLength
        let sealed: Bool = out.withUnsafeMutableBytes { buffer in
            let text = UnsafeMutableRawBufferPointer(rebasing: buffer[start..<textEnd])
            let tag = UnsafeMutableRawBufferPointer(rebasing: buffer[textEnd...])
            return withNonceAndAAD(explicit: explicit, header: header, plaintextLength: length) { nonce, aad in
                Crypto.seal(key, inPlace: text, nonce: nonce, authenticating: aad, tag: tag)
            }
        }
        guard sealed else { throw .cryptoFailure("record seal rejected its inputs") }
    }

    /// The plaintext of a protected fragment, or nil when it is too short or fails authentication.
    /// The only allocation is the plaintext itself; the tag is read where it lies.
    func open(_ fragment: ArraySlice<UInt8>, header: RecordHeader) -> [UInt8]? {
        let overhead = explicitNonceLength + Self.tagLength
        guard fragment.count >= overhead else { return nil }
        var explicit = header.epochAndSequence
        if explicitNonceLength == 8 {
            explicit = 0
            for byte in fragment.prefix(8) { explicit = explicit << 8 | UInt64(byte) }
        }
        let textCount = fragment.count - overhead
        var text = Array(fragment.dropFirst(explicitNonceLength).prefix(textCount))
        let opened: Bool = fragment.withUnsafeBytes { whole in
            let tag = UnsafeRawBufferPointer(rebasing: whole[(whole.count - Self.tagLength)...])
            return text.withUnsafeMutableBytes { t in
                withNonceAndAAD(explicit: explicit, header: header, plaintextLength: textCount) { nonce, aad in
                    Crypto.open(key, inPlace: t, nonce: nonce, authenticating: aad, tag: tag)
                }
            }
        }
        return opened ? text : nil
    }
}
