import BrookCrypto

/// AES-GCM for SRTP and SRTCP (RFC 7714 §8, §9): a prepared key and the 12-byte session salt.
struct GCMTransform: Sendable {
    /// RFC 7714 §12: the tag is always 16 bytes.
    static let tagLength = 16

    let key: AES.GCM.PreparedKey
    /// The salt as bytes 0–3 and 4–11, big-endian.
    let saltHead: UInt32
    let saltTail: UInt64

    init(key: [UInt8], salt: [UInt8]) throws(CryptoKitError) {
        guard salt.count == 12 else { throw .incorrectParameterSize }
        self.key = try AES.GCM.PreparedKey(key: SymmetricKey(data: key))
        saltHead = salt.withUnsafeBytes { loadBigEndian32($0.baseAddress!, 0) }
        saltTail = salt.withUnsafeBytes { loadBigEndian64($0.baseAddress!, 4) }
    }

    /// Runs `body` with the 12-byte IV (00 00 ‖ SSRC ‖ low48) ⊕ salt, where low48 is ROC ‖ SEQ for
    /// SRTP (RFC 7714 §8.1) and 00 00 ‖ 0 ‖ SRTCP index for SRTCP (§9.1).
    @inline(__always)
    func withNonce<R, E: Error>(ssrc: UInt32, low48: UInt64, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var nonce: (UInt32, UInt64) = (0, 0)
        return try withUnsafeMutableBytes(of: &nonce) { (raw) throws(E) -> R in
            let p = raw.baseAddress!
            storeBigEndian32(saltHead ^ (ssrc >> 16), p, 0)
            storeBigEndian64(saltTail ^ (UInt64(ssrc & 0xFFFF) << 48 | low48), p, 4)
            return try body(UnsafeRawBufferPointer(start: p, count: 12))
        }
    }

    // MARK: SRTP (RFC 7714 §8.2): AAD is the header, the payload is encrypted, the tag follows.

    @inline(__always)
    func protectRTP(_ packet: UnsafeMutableRawPointer, headerLength: Int, length: Int, ssrc: UInt32, index: UInt64) throws(SRTPError) {
        try withNonce(ssrc: ssrc, low48: index) { (nonce) throws(SRTPError) in
            do {
                try key.seal(
                    inPlace: UnsafeMutableRawBufferPointer(start: packet + headerLength, count: length &- headerLength),
                    nonce: nonce, authenticating: UnsafeRawBufferPointer(start: packet, count: headerLength),
                    tag: UnsafeMutableRawBufferPointer(start: packet + length, count: Self.tagLength))
            } catch {
                throw .packetTooLong(length: length, maximum: SRTPLimits.maximumPacketLength)
            }
        }
    }

    /// `length` excludes the tag. On failure the packet is unchanged.
    @inline(__always)
    func unprotectRTP(_ packet: UnsafeMutableRawPointer, headerLength: Int, length: Int, ssrc: UInt32, index: UInt64) -> Bool {
        withNonce(ssrc: ssrc, low48: index) { nonce -> Bool in
            do {
                try key.open(
                    inPlace: UnsafeMutableRawBufferPointer(start: packet + headerLength, count: length &- headerLength),
                    nonce: nonce, authenticating: UnsafeRawBufferPointer(start: packet, count: headerLength),
                    tag: UnsafeRawBufferPointer(start: packet + length, count: Self.tagLength))
                return true
            } catch {
                return false
            }
        }
    }

    // MARK: SRTCP (RFC 7714 §9): header(8) ‖ ciphertext ‖ tag ‖ E ‖ index; AAD = header ‖ E ‖ index.

    @inline(__always)
    func protectRTCP(_ packet: UnsafeMutableRawPointer, length: Int, ssrc: UInt32, index: UInt32) throws(SRTPError) {
        let word = 0x8000_0000 | index
        var aad: (UInt64, UInt32) = (0, 0)
        try withUnsafeMutableBytes(of: &aad) { (aadBytes) throws(SRTPError) in
            aadBytes.baseAddress!.copyMemory(from: packet, byteCount: RTCPHeader.clearLength)
            storeBigEndian32(word, aadBytes.baseAddress!, RTCPHeader.clearLength)
            try withNonce(ssrc: ssrc, low48: UInt64(index)) { (nonce) throws(SRTPError) in
                do {
                    try key.seal(
                        inPlace: UnsafeMutableRawBufferPointer(start: packet + RTCPHeader.clearLength, count: length &- RTCPHeader.clearLength),
                        nonce: nonce, authenticating: UnsafeRawBufferPointer(start: aadBytes.baseAddress!, count: 12),
                        tag: UnsafeMutableRawBufferPointer(start: packet + length, count: Self.tagLength))
                } catch {
                    throw .packetTooLong(length: length, maximum: SRTPLimits.maximumPacketLength)
                }
            }
        }
        storeBigEndian32(word, packet, length &+ Self.tagLength)
    }

    /// `length` excludes the tag and the E ‖ index word. With E = 0 (RFC 7714 §9.3, tagging
    /// only) the AAD is the whole RTCP packet followed by the E ‖ index word; the word is moved
    /// next to it for the check and the packet is put back as it was in every case.
    @inline(__always)
    func unprotectRTCP(_ packet: UnsafeMutableRawPointer, length: Int, ssrc: UInt32, index: UInt32, encrypted: Bool) -> Bool {
        let word = loadBigEndian32(packet, length &+ Self.tagLength)
        return withNonce(ssrc: ssrc, low48: UInt64(index)) { nonce -> Bool in
            if encrypted {
                var aad: (UInt64, UInt32) = (0, 0)
                return withUnsafeMutableBytes(of: &aad) { aadBytes in
                    aadBytes.baseAddress!.copyMemory(from: packet, byteCount: RTCPHeader.clearLength)
                    storeBigEndian32(word, aadBytes.baseAddress!, RTCPHeader.clearLength)
                    do {
                        try key.open(
                            inPlace: UnsafeMutableRawBufferPointer(start: packet + RTCPHeader.clearLength, count: length &- RTCPHeader.clearLength),
                            nonce: nonce, authenticating: UnsafeRawBufferPointer(start: aadBytes.baseAddress!, count: 12),
                            tag: UnsafeRawBufferPointer(start: packet + length, count: Self.tagLength))
                        return true
                    } catch {
                        return false
                    }
                }
            }
            var tag: (UInt64, UInt64) = (0, 0)
            return withUnsafeMutableBytes(of: &tag) { saved in
                saved.baseAddress!.copyMemory(from: packet + length, byteCount: Self.tagLength)
                storeBigEndian32(word, packet, length)
                defer { (packet + length).copyMemory(from: saved.baseAddress!, byteCount: Self.tagLength) }
                do {
                    try key.open(
                        inPlace: UnsafeMutableRawBufferPointer(start: packet + length + 4, count: 0),
                        nonce: nonce, authenticating: UnsafeRawBufferPointer(start: packet, count: length &+ 4),
                        tag: UnsafeRawBufferPointer(saved))
                    return true
                } catch {
                    return false
                }
            }
        }
    }
}
