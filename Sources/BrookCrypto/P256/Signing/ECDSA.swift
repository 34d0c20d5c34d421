// ECDSA over P-256 (FIPS 186-5 §6.4; SEC 1 §4.1.3 and §4.1.4).

extension P256Scalar {
    /// `value mod n` as a canonical value (one masked subtraction; 2n > 2²⁵⁶).
    @inline(__always) @usableFromInline
    static func canonicalReduction(_ value: Limbs256) -> Limbs256 { value.reducedOnce(modulus) }
}

@usableFromInline
enum ECDSA {
    /// bits2int (RFC 6979 §2.3.2) for qlen = 256: the leftmost 256 bits of the digest as an integer
    /// (a shorter digest is taken whole).
    @usableFromInline
    static func bits2int(_ digest: UnsafeRawBufferPointer) -> Limbs256 {
        var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &block) { buffer -> Limbs256 in
            let count = min(digest.count, 32)
            for i in 0..<count { buffer[32 - count + i] = digest[i] }
            return Limbs256(bigEndian: UnsafeRawPointer(buffer.baseAddress!))
        }
    }

    /// Signs with a given nonce k (1 ≤ k < n): r = x(k·G) mod n, s = k⁻¹(e + r·d) mod n. Returns nil
    /// when r or s is zero (the caller then takes another nonce). Constant-time in d and k.
    @usableFromInline
    static func sign(digest e: Limbs256, nonce k: Limbs256, privateKey d: Limbs256) -> P256.Signing.ECDSASignature? {
        let (point, _) = P256Point.generatorMultiplied(by: k).affine
        let rValue = P256Scalar.canonicalReduction(point.x.canonical)      // x < p < 2n
        let r = P256Scalar(canonical: rValue)
        let kInverse = P256Scalar(canonical: k).inverted
        let s = kInverse * (P256Scalar(reducing: e) + r * P256Scalar(canonical: d))
        // Whether r or s vanished is public (it only happens with negligible probability).
        guard declassified(r.isZeroMask | s.isZeroMask) == 0 else { return nil }
        // The signature is the output, published by design.
        return P256.Signing.ECDSASignature(r: declassified(rValue.bigEndianBytes), s: declassified(s.bigEndianBytes))
    }

    /// Signs `digest` with a nonce from RFC 6979 (HMAC-DRBG over `hash`), optionally hedged with
    /// `extraEntropy` as the additional data k′ of §3.6.
    @usableFromInline
    static func sign<H: HashFunction>(digest: some Digest, privateKey d: Limbs256, hash: H.Type, extraEntropy: [UInt8]) -> P256.Signing.ECDSASignature {
        digest.withUnsafeBytes { buffer in
            sign(digest: buffer, privateKey: d, hash: hash, extraEntropy: extraEntropy)
        }
    }

    @usableFromInline
    static func sign<H: HashFunction>(digest: UnsafeRawBufferPointer, privateKey d: Limbs256, hash: H.Type, extraEntropy: [UInt8]) -> P256.Signing.ECDSASignature {
        var nonces = RFC6979NonceGenerator<H>(privateKey: d.bigEndianBytes, digest: digest, additionalData: extraEntropy)
        let e = bits2int(digest)
        while true {
            if let signature = sign(digest: e, nonce: nonces.next(), privateKey: d) { return signature }
        }
    }

    /// Verification (FIPS 186-5 §6.4.2). All inputs are public, so this may branch freely.
    @usableFromInline
    static func verify(r rBytes: [UInt8], s sBytes: [UInt8], digest: UnsafeRawBufferPointer, publicKey q: P256AffinePoint) -> Bool {
        guard rBytes.count == 32, sBytes.count == 32 else { return false }
        let rValue = rBytes.withUnsafeBytes { Limbs256(bigEndian: $0.baseAddress!) }
        let sValue = sBytes.withUnsafeBytes { Limbs256(bigEndian: $0.baseAddress!) }
        // r, s ∈ [1, n − 1]
        for v in [rValue, sValue] {
            guard v.lessThanMask(P256Scalar.modulus) != 0, v.isZeroMask == 0 else { return false }
        }
        let e = P256Scalar(reducing: bits2int(digest))
        let w = P256Scalar(canonical: sValue).inverted
        let u1 = (e * w).canonical
        let u2 = (P256Scalar(canonical: rValue) * w).canonical
        let sum = P256Point.linearCombination(generatorScalar: u1, point: P256Point(q), pointScalar: u2)
        guard sum.isIdentityMask == 0 else { return false }
        return hasXCoordinate(sum, congruentTo: rValue)
    }

    /// Whether x(R) ≡ r (mod n) for a finite projective R = (X : Y : Z), without an inversion: since
    /// x < p < 2n, x is r or r + n (the latter only when r + n < p), and x = c ⇔ X = c·Z.
    @usableFromInline
    static func hasXCoordinate(_ point: P256Point, congruentTo r: Limbs256) -> Bool {
        if (point.x.isEqualMask(P256FieldElement(canonical: r) * point.z)) != 0 { return true }
        let (rPlusN, carry) = Limbs256.add(r, P256Scalar.modulus)
        guard carry == 0, rPlusN.lessThanMask(P256FieldElement.modulus) != 0 else { return false }
        return point.x.isEqualMask(P256FieldElement(canonical: rPlusN) * point.z) != 0
    }
}
