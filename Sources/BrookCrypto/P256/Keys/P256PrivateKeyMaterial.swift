// A P-256 private scalar d with 1 ≤ d < n and its public point d·G (SEC 1 §3.2.1).

@usableFromInline
struct P256PrivateKeyMaterial: Sendable {
    /// The canonical value of d.
    @usableFromInline let value: Limbs256
    @usableFromInline let publicKey: P256PublicKeyMaterial

    @usableFromInline
    init(value: Limbs256) {
        self.value = value
        let (point, _) = P256Point.generatorMultiplied(by: value).affine
        // A public key is public.
        self.publicKey = P256PublicKeyMaterial(point: declassified(point))
    }

    /// A scalar drawn uniformly from [1, n − 1] by rejection sampling (FIPS 186-5 §A.2.2): each
    /// candidate is 32 fresh bytes; one is rejected with probability below 2⁻³².
    @usableFromInline
    init(using rng: inout some RandomNumberGenerator) {
        while true {
            var candidate = Limbs256.zero
            withUnsafeMutableBytes(of: &candidate) { SystemRandom.fill($0, using: &rng) }
            // Public: a rejected candidate is discarded, and the accepted one is independent of how
            // many were rejected, so the verdict reveals nothing about the key (SECURITY.md).
            let valid = declassified(candidate.lessThanMask(P256Scalar.modulus) & ~candidate.isZeroMask)
            if valid != 0 {
                self.init(value: candidate)
                return
            }
        }
    }

    /// d as 32 big-endian bytes; .invalidPrivateKey unless 1 ≤ d < n.
    @usableFromInline
    init(rawRepresentation bytes: some Collection<UInt8>) throws(CryptoKitError) {
        guard bytes.count == 32 else { throw .invalidPrivateKey }
        let value = withContiguousBytes(of: bytes) { Limbs256(bigEndian: $0.baseAddress!) }
        // Validity is reported to the caller anyway, so testing the combined mask is no leak.
        guard declassified(value.lessThanMask(P256Scalar.modulus) & ~value.isZeroMask) != 0 else { throw .invalidPrivateKey }
        self.init(value: value)
    }

    /// 04 ‖ X ‖ Y ‖ d (97 bytes); the point must be d·G.
    @usableFromInline
    init(x963Representation bytes: some Collection<UInt8>) throws(CryptoKitError) {
        let all = Array(bytes)
        guard all.count == 97 else { throw .invalidPrivateKey }
        try self.init(rawRepresentation: all[65...])
        let claimed = try P256PublicKeyMaterial(x963Representation: all[0..<65])
        guard claimed.rawBytes == publicKey.rawBytes else { throw .invalidPrivateKey }
    }

    /// A scalar and an optional stated public point, as the DER parsers return them.
    @usableFromInline
    init(scalar: [UInt8], statedPublicKey: [UInt8]?) throws(CryptoKitError) {
        try self.init(rawRepresentation: scalar)
        if let statedPublicKey {
            let claimed = try P256PublicKeyMaterial(sec1Point: statedPublicKey)
            guard claimed.rawBytes == publicKey.rawBytes else { throw .invalidPrivateKey }
        }
    }

    @usableFromInline var rawBytes: [UInt8] { value.bigEndianBytes }
    @usableFromInline var x963Bytes: [UInt8] { publicKey.x963Bytes + rawBytes }

    /// The x-coordinate of d·Q (SEC 1 §3.3.1; NIST SP 800-56A §5.7.1.2), 32 bytes.
    @usableFromInline
    func sharedSecret(with peer: P256PublicKeyMaterial) throws(CryptoKitError) -> SharedSecret {
        let (point, isIdentity) = P256Point(peer.point).multiplied(by: value).affine
        // Q has prime order n and 1 ≤ d < n, so d·Q is never the identity; checked all the same.
        // The verdict is public (always false for a valid key pair; reported as an error).
        guard declassified(isIdentity) == 0 else { throw .zeroSharedSecret }
        return SharedSecret(bytes: point.x.bigEndianBytes)
    }
}
