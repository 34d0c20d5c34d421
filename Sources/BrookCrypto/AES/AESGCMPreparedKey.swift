// GCM authenticated encryption (NIST SP 800-38D §7) on caller-owned buffers.

extension AES.GCM {
    /// An AES-GCM key with everything derived from it computed once: the fixsliced round keys,
    /// the hash subkey H = AES_K(0^128) and H^2…H^4. Built for per-record and per-packet paths
    /// (DTLS records, SRTP packets): `seal` and `open` work in place and allocate nothing.
    ///
    /// Tags of 4...16 bytes are accepted here because protocols and the NIST tests use truncated
    /// tags; 16 bytes is the norm and the only length the one-shot `AES.GCM` API produces. Short
    /// tags weaken forgery resistance sharply (SP 800-38D Appendix C).
    public struct PreparedKey: Sendable {
        @usableFromInline let keys: AESRoundKeys
        @usableFromInline let hashKey: GHashKey

        /// Largest plaintext GCM allows: 2^39 − 256 bits (SP 800-38D §5.2.1.1).
        @usableFromInline static let maximumTextBytes: Int = (1 << 36) - 32
        /// Largest AAD and IV (2^64 − 1 bits, rounded down to whole bytes).
        @usableFromInline static let maximumAuxiliaryBytes: UInt64 = (1 << 61) - 1

        /// Expands `key` (16, 24 or 32 bytes; otherwise `.incorrectKeySize`).
        public init(key: SymmetricKey) throws(CryptoKitError) {
            let keys = try AESRoundKeys(key: key)
            var block: (UInt64, UInt64) = (0, 0)
            hashKey = withUnsafeMutableBytes(of: &block) { b in
                keys.encryptBlock(b.baseAddress!, b.baseAddress!)
                let key = GHashKey(h: b.baseAddress!)
                for i in 0..<16 { b[i] = 0 }
                return key
            }
            self.keys = keys
        }

        /// Encrypts `buffer` in place and writes the authentication tag.
        ///
        /// - Parameters:
        ///   - buffer: the plaintext, replaced by the ciphertext (same length, at most 2^36 − 32 bytes).
        ///   - nonce: the IV; 12 bytes is the norm, any non-empty length is accepted (SP 800-38D §7.1).
        ///     Never reuse a nonce with the same key.
        ///   - aad: additional data authenticated but not encrypted.
        ///   - tag: receives the tag; its length (4...16 bytes) selects the tag length.
        /// - Throws: `.incorrectParameterSize` for an empty nonce, a tag outside 4...16 bytes or an
        ///   over-long message; nothing is written then.
        public func seal(
            inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer
        ) throws(CryptoKitError) {
            try validate(text: buffer.count, nonce: nonce, aad: aad, tagCount: tag.count)
            let j0 = preCounterBlock(nonce)
            if let base = buffer.baseAddress, buffer.count > 0 {
                keys.applyCounterMode(from: j0.next, .low32, input: UnsafeRawPointer(base), output: base, count: buffer.count)
            }
            var full: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &full) { t in
                computeTag(j0: j0, aad: aad, ciphertext: UnsafeRawBufferPointer(buffer), into: t.baseAddress!)
                tag.baseAddress!.copyMemory(from: t.baseAddress!, byteCount: tag.count)
            }
        }

        /// Verifies the tag and, only if it matches, decrypts `buffer` in place.
        ///
        /// The tag is checked in constant time before any decryption; on `.authenticationFailure`
        /// the buffer is left exactly as it was.
        /// - Throws: `.authenticationFailure` when the tag does not match; `.incorrectParameterSize`
        ///   for an empty nonce, a tag outside 4...16 bytes or an over-long ciphertext.
        public func open(
            inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer
        ) throws(CryptoKitError) {
            try validate(text: buffer.count, nonce: nonce, aad: aad, tagCount: tag.count)
            let j0 = preCounterBlock(nonce)
            var full: (UInt64, UInt64) = (0, 0)
            let valid = withUnsafeMutableBytes(of: &full) { t in
                computeTag(j0: j0, aad: aad, ciphertext: UnsafeRawBufferPointer(buffer), into: t.baseAddress!)
                return ConstantTime.isEqual(UnsafeRawBufferPointer(rebasing: t[0..<tag.count]), tag)
            }
            guard valid else { throw .authenticationFailure }
            if let base = buffer.baseAddress, buffer.count > 0 {
                keys.applyCounterMode(from: j0.next, .low32, input: UnsafeRawPointer(base), output: base, count: buffer.count)
            }
        }

        @inline(__always)
        func validate(text: Int, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, tagCount: Int) throws(CryptoKitError) {
            guard nonce.count > 0, UInt64(nonce.count) <= Self.maximumAuxiliaryBytes else { throw .incorrectParameterSize }
            guard UInt64(aad.count) <= Self.maximumAuxiliaryBytes else { throw .incorrectParameterSize }
            guard (4...16).contains(tagCount), text <= Self.maximumTextBytes else { throw .incorrectParameterSize }
        }

        /// J0 (SP 800-38D §7.1 step 2): IV ‖ 0^31 ‖ 1 for a 96-bit IV, else GHASH(IV ‖ pad ‖ [len(IV)]_64).
        @inline(__always) @usableFromInline
        func preCounterBlock(_ nonce: UnsafeRawBufferPointer) -> CounterBlock {
            let p = nonce.baseAddress!
            if nonce.count == 12 {
                return CounterBlock(hi: loadBigEndianUInt64(p, 0), lo: UInt64(loadBigEndianUInt32(p, 8)) << 32 | 1)
            }
            var g = GHash()
            g.update(hashKey, p, count: nonce.count)
            g.finish(hashKey, aadBytes: 0, textBytes: nonce.count)
            return CounterBlock(hi: g.y.hi, lo: g.y.lo)
        }

        /// The full 16-byte tag E_K(J0) ⊕ GHASH_H(A ‖ pad ‖ C ‖ pad ‖ [len(A)]_64 ‖ [len(C)]_64).
        @inline(__always) @usableFromInline
        func computeTag(j0: CounterBlock, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer) {
            var g = GHash()
            if let a = aad.baseAddress { g.update(hashKey, a, count: aad.count) }
            if let c = ciphertext.baseAddress { g.update(hashKey, c, count: ciphertext.count) }
            g.finish(hashKey, aadBytes: aad.count, textBytes: ciphertext.count)
            storeBigEndian(j0.hi, out, 0)
            storeBigEndian(j0.lo, out, 8)
            keys.encryptBlock(UnsafeRawPointer(out), out)
            let mask = GFElement(loading: UnsafeRawPointer(out))
            GFElement(hi: mask.hi ^ g.y.hi, lo: mask.lo ^ g.y.lo).store(to: out)
        }
    }
}

extension CounterBlock {
    /// inc32 (SP 800-38D §6.2).
    @inline(__always) @usableFromInline
    var next: CounterBlock {
        var c = self
        c.increment(.low32)
        return c
    }
}
