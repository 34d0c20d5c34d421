import BrookCrypto

/// AES-128 counter mode with HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1) for one of SRTP or SRTCP: the
/// session keys expanded once, so a packet costs one keystream pass and one HMAC over a copy of
/// the keyed state, with no allocation.
struct AESCMTransform: Sendable {
    let cipher: AES.CTR
    /// The session salt times 2^16, as the two halves of a 128-bit counter block.
    let saltHigh: UInt64
    let saltLow: UInt64
    /// HMAC-SHA1 already keyed with the session authentication key.
    let mac: HMAC<Insecure.SHA1>
    /// Bytes of the HMAC output carried in the packet (10 or 4).
    let tagLength: Int

    init(key: [UInt8], salt: [UInt8], authenticationKey: [UInt8], tagLength: Int) throws(CryptoKitError) {
        guard salt.count == 14 else { throw .incorrectParameterSize }
        cipher = try AES.CTR(key: SymmetricKey(data: key))
        var padded = salt + [0, 0]
        saltHigh = padded.withUnsafeBytes { loadBigEndian64($0.baseAddress!, 0) }
        saltLow = padded.withUnsafeBytes { loadBigEndian64($0.baseAddress!, 8) }
        for i in padded.indices { padded[i] = 0 }
        mac = HMAC(key: SymmetricKey(data: authenticationKey))
        self.tagLength = tagLength
    }

    /// XORs the keystream for (`ssrc`, `index`) onto `count` bytes at `bytes`. The counter block is
    /// IV = (k_s · 2^16) ⊕ (SSRC · 2^64) ⊕ (i · 2^16) (RFC 3711 §4.1.1), i being the 48-bit SRTP
    /// index or the 31-bit SRTCP index.
    @inline(__always)
    func applyKeystream(_ bytes: UnsafeMutableRawPointer, count: Int, ssrc: UInt32, index: UInt64) {
        cipher.applyKeystream(
            to: UnsafeMutableRawBufferPointer(start: bytes, count: count),
            counterHigh: saltHigh ^ UInt64(ssrc), counterLow: saltLow ^ (index << 16))
    }

    /// Writes the first `tagLength` bytes of HMAC-SHA1(k_a, bytes ‖ ROC) to `tag` (RFC 3711 §4.2;
    /// SRTCP passes no ROC).
    @inline(__always)
    func computeTag(_ bytes: UnsafeRawPointer, count: Int, roc: UInt32?, into tag: UnsafeMutableRawPointer) {
        var hmac = mac
        hmac.update(bufferPointer: UnsafeRawBufferPointer(start: bytes, count: count))
        if let roc {
            var rocBytes = roc.bigEndian
            withUnsafeBytes(of: &rocBytes) { hmac.update(bufferPointer: $0) }
        }
        let code = hmac.finalize()
        code.withUnsafeBytes { full in tag.copyMemory(from: full.baseAddress!, byteCount: tagLength) }
    }

    /// Constant-time check of the tag stored at `tag` against the one computed over `bytes ‖ ROC`.
    @inline(__always)
    func isValidTag(_ bytes: UnsafeRawPointer, count: Int, roc: UInt32?, tag: UnsafeRawPointer) -> Bool {
        var computed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &computed) { scratch in
            computeTag(bytes, count: count, roc: roc, into: scratch.baseAddress!)
            return ConstantTime.isEqual(
                UnsafeRawBufferPointer(start: scratch.baseAddress!, count: tagLength),
                UnsafeRawBufferPointer(start: tag, count: tagLength))
        }
    }

    // MARK: SRTP (RFC 3711 §3.3): encrypt the payload, then tag header ‖ ciphertext ‖ ROC.

    @inline(__always)
    func protectRTP(_ packet: UnsafeMutableRawPointer, headerLength: Int, length: Int, ssrc: UInt32, index: UInt64) {
        applyKeystream(packet + headerLength, count: length &- headerLength, ssrc: ssrc, index: index)
        computeTag(packet, count: length, roc: UInt32(truncatingIfNeeded: index >> 16), into: packet + length)
    }

    /// `length` excludes the tag that follows. Verifies before decrypting; on failure nothing changes.
    @inline(__always)
    func unprotectRTP(_ packet: UnsafeMutableRawPointer, headerLength: Int, length: Int, ssrc: UInt32, index: UInt64) -> Bool {
        guard isValidTag(packet, count: length, roc: UInt32(truncatingIfNeeded: index >> 16), tag: packet + length) else {
            return false
        }
        applyKeystream(packet + headerLength, count: length &- headerLength, ssrc: ssrc, index: index)
        return true
    }

    // MARK: SRTCP (RFC 3711 §3.4): encrypt after the first 8 bytes, append E ‖ index, tag it all.

    @inline(__always)
    func protectRTCP(_ packet: UnsafeMutableRawPointer, length: Int, ssrc: UInt32, index: UInt32) {
        applyKeystream(packet + RTCPHeader.clearLength, count: length &- RTCPHeader.clearLength, ssrc: ssrc, index: UInt64(index))
        storeBigEndian32(0x8000_0000 | index, packet, length)
        computeTag(packet, count: length &+ 4, roc: nil, into: packet + length + 4)
    }

    /// `length` excludes the E ‖ index word and the tag that follow.
    @inline(__always)
    func unprotectRTCP(_ packet: UnsafeMutableRawPointer, length: Int, ssrc: UInt32, index: UInt32, encrypted: Bool) -> Bool {
        guard isValidTag(packet, count: length &+ 4, roc: nil, tag: packet + length + 4) else { return false }
        if encrypted {
            applyKeystream(packet + RTCPHeader.clearLength, count: length &- RTCPHeader.clearLength, ssrc: ssrc, index: UInt64(index))
        }
        return true
    }
}
