// Deterministic ECDSA nonces, RFC 6979 §3.2 (HMAC-DRBG keyed by the private key and the message
// digest), with the optional additional data k′ of §3.6 for hedged signatures. Specialised to the
// P-256 order: qlen = 256, so int2octets and bits2octets produce 32 bytes.

/// The stream of candidate nonces for one signature.
@usableFromInline
struct RFC6979NonceGenerator<H: HashFunction> {
    private var key: [UInt8]
    private var value: [UInt8]

    /// `privateKey` is int2octets(x); `digest` is H(m) of any length; `additionalData` is k′ (may be empty).
    @usableFromInline
    init(privateKey: [UInt8], digest: UnsafeRawBufferPointer, additionalData: [UInt8]) {
        let hashLength = H.Digest.byteCount
        // bits2octets(h1) = int2octets(bits2int(h1) mod q)   (§2.3.4)
        let reducedDigest = P256Scalar.canonicalReduction(ECDSA.bits2int(digest)).bigEndianBytes
        value = [UInt8](repeating: 0x01, count: hashLength)            // step b
        key = [UInt8](repeating: 0x00, count: hashLength)              // step c
        // The seed x ‖ h1 ‖ k′ is fed to the MAC in pieces, never concatenated.
        key = mac(value, separator: 0x00, privateKey, reducedDigest, additionalData)  // step d
        value = mac(value)                                             // step e
        key = mac(value, separator: 0x01, privateKey, reducedDigest, additionalData)  // step f
        value = mac(value)                                             // step g
    }

    /// HMAC_K(V [‖ separator ‖ seed pieces]), streamed: no message buffer is built.
    private func mac(_ value: [UInt8], separator: UInt8? = nil, _ seed: [UInt8]...) -> [UInt8] {
        var hmac = HMAC<H>(key: SymmetricKey(data: key))
        hmac.update(data: value)
        if let separator { hmac.update(data: CollectionOfOne(separator)) }
        for piece in seed { hmac.update(data: piece) }
        return hmac.finalize().withUnsafeBytes { Array($0) }
    }

    /// The next candidate k in [1, n − 1] (step h). The loop repeats only when a 256-bit HMAC output
    /// is ≥ n or zero — probability below 2⁻³² — and only such rejected values influence it.
    @usableFromInline
    mutating func next() -> Limbs256 {
        while true {
            var t: [UInt8] = []
            while t.count < 32 {                                       // h.2
                value = mac(value)
                t += value
            }
            let candidate = t.withUnsafeBytes { ECDSA.bits2int($0) }   // h.3
            // Public: only rejected candidates (discarded) influence the verdict (SECURITY.md).
            let acceptable = declassified(candidate.lessThanMask(P256Scalar.modulus) & ~candidate.isZeroMask)
            key = mac(value, separator: 0x00)                          // prepare for another candidate
            value = mac(value)
            if acceptable != 0 { return candidate }
        }
    }
}
