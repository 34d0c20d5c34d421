/// The TLS 1.2 pseudorandom function (RFC 5246 §5), as DTLS 1.2 uses it (RFC 6347 §4.2.1) for the
/// master secret, key block and Finished `verify_data`:
///
///     PRF(secret, label, seed) = P_hash(secret, label ‖ seed)
///     P_hash(secret, seed) = HMAC(secret, A(1) ‖ seed) ‖ HMAC(secret, A(2) ‖ seed) ‖ …
///     A(0) = seed, A(i) = HMAC(secret, A(i-1))
///
/// `H` is the cipher suite's PRF hash: `SHA256`, or `SHA384` for `*_SHA384` suites.
public enum TLS12PRF<H: HashFunction> {
    /// `byteCount` bytes of PRF output. `label` is an ASCII label such as "master secret" or
    /// "key expansion"; a `byteCount` of zero or less gives an empty result.
    @inlinable
    public static func derive(
        secret: some Collection<UInt8>, label: String, seed: some Collection<UInt8>, byteCount: Int
    ) -> [UInt8] {
        derive(secret: secret, label: Array(label.utf8), seed: seed, byteCount: byteCount)
    }

    /// `byteCount` bytes of PRF output for a label given as bytes.
    @inlinable
    public static func derive(
        secret: some Collection<UInt8>, label: some Collection<UInt8>, seed: some Collection<UInt8>, byteCount: Int
    ) -> [UInt8] {
        guard byteCount > 0 else { return [] }
        let keyed = HMAC<H>(key: SymmetricKey(data: secret))
        let labelBytes = Array(label), seedBytes = Array(seed)
        // A(1) = HMAC(secret, label ‖ seed).
        var a = keyed
        a.update(data: labelBytes)
        a.update(data: seedBytes)
        var chainValue = a.finalize()

        var output: [UInt8] = []
        output.reserveCapacity(byteCount)
        while output.count < byteCount {
            // HMAC(secret, A(i) ‖ label ‖ seed), from a copy of the keyed state.
            var block = keyed
            chainValue.withUnsafeBytes { block.update(bufferPointer: $0) }
            block.update(data: labelBytes)
            block.update(data: seedBytes)
            block.finalize().withUnsafeBytes { bytes in
                output.append(contentsOf: bytes.prefix(byteCount - output.count))
            }
            // A(i+1) = HMAC(secret, A(i)).
            var next = keyed
            chainValue.withUnsafeBytes { next.update(bufferPointer: $0) }
            chainValue = next.finalize()
        }
        return output
    }
}
