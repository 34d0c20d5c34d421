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
            var first: KeystreamBatch = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &first) { batch in
                let stream = batch.baseAddress!
                firstBatch(j0, into: stream)
                applyKeystream(buffer, firstBatch: stream, j0: j0)
                finishTag(mask: stream, aad: aad, ciphertext: UnsafeRawBufferPointer(buffer))
                tag.baseAddress!.copyMemory(from: stream, byteCount: tag.count)
                for i in 0..<64 { batch[i] = 0 }
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
            var first: KeystreamBatch = (0, 0, 0, 0, 0, 0, 0, 0)
            let valid = withUnsafeMutableBytes(of: &first) { batch in
                let stream = batch.baseAddress!
                firstBatch(j0, into: stream)
                finishTag(mask: stream, aad: aad, ciphertext: UnsafeRawBufferPointer(buffer))
                // The verdict is public: the caller learns it anyway (plaintext or an error).
                let valid = declassified(ConstantTime.isEqual(UnsafeRawBufferPointer(start: stream, count: tag.count), tag))
                // Nothing is decrypted unless the tag matched.
                if valid { applyKeystream(buffer, firstBatch: stream, j0: j0) }
                for i in 0..<64 { batch[i] = 0 }
                return valid
            }
            guard valid else { throw .authenticationFailure }
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

        /// Encrypts the counter blocks J0...J0+3 into the 64 bytes at `stream`: E_K(J0) masks the
        /// tag, the other three are the keystream of the first 48 bytes. One cipher call serves
        /// both, which matters for short records and packets.
        @inline(__always) @usableFromInline
        func firstBatch(_ j0: CounterBlock, into stream: UnsafeMutableRawPointer) {
            var counter = j0
            for i in 0..<4 {
                storeBigEndian(counter.hi, stream, 16 &* i)
                storeBigEndian(counter.lo, stream, 16 &* i &+ 8)
                counter.increment(.low32)
            }
            keys.encrypt4(UnsafeRawPointer(stream), stream)
        }

        /// XORs the GCTR keystream (from inc32(J0)) onto `buffer`: the first 48 bytes from the
        /// precomputed batch, the rest from J0 + 4 on.
        @inline(__always) @usableFromInline
        func applyKeystream(_ buffer: UnsafeMutableRawBufferPointer, firstBatch stream: UnsafeMutableRawPointer, j0: CounterBlock) {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            let head = min(48, buffer.count)
            for i in 0..<head {
                let x = base.load(fromByteOffset: i, as: UInt8.self) ^ stream.load(fromByteOffset: 16 &+ i, as: UInt8.self)
                base.storeBytes(of: x, toByteOffset: i, as: UInt8.self)
            }
            if buffer.count > 48 {
                var rest = j0
                for _ in 0..<4 { rest.increment(.low32) }
                keys.applyCounterMode(from: rest, .low32, input: UnsafeRawPointer(base + 48), output: base + 48, count: buffer.count &- 48)
            }
        }

        /// Replaces the 16 bytes at `mask` (E_K(J0)) by the full tag
        /// E_K(J0) ⊕ GHASH_H(A ‖ pad ‖ C ‖ pad ‖ [len(A)]_64 ‖ [len(C)]_64) (SP 800-38D §7.1 steps 5-6).
        @inline(__always) @usableFromInline
        func finishTag(mask: UnsafeMutableRawPointer, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer) {
            var g = GHash()
            if let a = aad.baseAddress { g.update(hashKey, a, count: aad.count) }
            if let c = ciphertext.baseAddress { g.update(hashKey, c, count: ciphertext.count) }
            g.finish(hashKey, aadBytes: aad.count, textBytes: ciphertext.count)
            let m = GFElement(loading: UnsafeRawPointer(mask))
            GFElement(hi: m.hi ^ g.y.hi, lo: m.lo ^ g.y.lo).store(to: mask)
        }
    }
}

/// 64 bytes of stack for one four-block cipher call.
@usableFromInline
typealias KeystreamBatch = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
