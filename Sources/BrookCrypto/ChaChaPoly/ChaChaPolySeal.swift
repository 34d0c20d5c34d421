// One-shot ChaCha20-Poly1305 sealing and opening (RFC 8439 §2.8) over byte collections.

extension ChaChaPoly {
    /// Encrypts and authenticates `message` together with `authenticatedData`.
    /// - Parameters:
    ///   - nonce: a nonce never used before with this key; a random one when nil.
    /// - Throws: `CryptoKitError.incorrectKeySize` unless the key is 32 bytes;
    ///   `CryptoKitError.incorrectParameterSize` when the message exceeds 256 GiB.
    public static func seal(
        _ message: some Collection<UInt8>,
        using key: SymmetricKey,
        nonce: Nonce? = nil,
        authenticating authenticatedData: some Collection<UInt8>
    ) throws(CryptoKitError) -> SealedBox {
        let prepared = try PreparedKey(key: key)
        let nonce = nonce ?? Nonce()
        let count = message.count
        guard count <= chachaPolyMaximumMessageSize else { throw .incorrectParameterSize }
        let total = nonceByteCount + count + tagByteCount
        let combined = [UInt8](unsafeUninitializedCapacity: total) { storage, initialized in
            let base = UnsafeMutableRawPointer(storage.baseAddress!)
            nonce.bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: nonceByteCount) }
            withContiguousBytes(of: message) { m in
                if count > 0 { (base + nonceByteCount).copyMemory(from: m.baseAddress!, byteCount: count) }
            }
            var state = prepared.keyState
            state.setNonce(UnsafeRawPointer(base))
            withContiguousBytes(of: authenticatedData) { aad in
                state.seal(
                    inPlace: UnsafeMutableRawBufferPointer(start: base + nonceByteCount, count: count),
                    aad: aad, tag: base + nonceByteCount + count)
            }
            initialized = total
        }
        return SealedBox(uncheckedCombined: combined)
    }

    /// Encrypts and authenticates `message` with no additional data.
    public static func seal(
        _ message: some Collection<UInt8>, using key: SymmetricKey, nonce: Nonce? = nil
    ) throws(CryptoKitError) -> SealedBox {
        try seal(message, using: key, nonce: nonce, authenticating: EmptyCollection())
    }

    /// Encrypts and authenticates `message` together with `authenticatedData` under a random nonce
    /// drawn from `nonceGenerator` instead of the system CSPRNG (deterministic tests).
    public static func seal(
        _ message: some Collection<UInt8>, using key: SymmetricKey, authenticating authenticatedData: some Collection<UInt8>,
        nonceGenerator: inout some RandomNumberGenerator
    ) throws(CryptoKitError) -> SealedBox {
        try seal(message, using: key, nonce: Nonce(using: &nonceGenerator), authenticating: authenticatedData)
    }

    /// Encrypts and authenticates `message` under a random nonce drawn from `nonceGenerator`.
    public static func seal(
        _ message: some Collection<UInt8>, using key: SymmetricKey, nonceGenerator: inout some RandomNumberGenerator
    ) throws(CryptoKitError) -> SealedBox {
        try seal(message, using: key, nonce: Nonce(using: &nonceGenerator), authenticating: EmptyCollection())
    }

    /// Verifies and decrypts `sealedBox`, whose tag must cover `authenticatedData`.
    /// - Throws: `CryptoKitError.authenticationFailure` when the tag does not verify (nothing is
    ///   decrypted); `CryptoKitError.incorrectKeySize` unless the key is 32 bytes.
    public static func open(
        _ sealedBox: SealedBox, using key: SymmetricKey, authenticating authenticatedData: some Collection<UInt8>
    ) throws(CryptoKitError) -> [UInt8] {
        let prepared = try PreparedKey(key: key)
        let combined = sealedBox.combined
        let count = combined.count - nonceByteCount - tagByteCount
        guard count <= chachaPolyMaximumMessageSize else { throw .incorrectParameterSize }
        var plaintext = Array(combined[nonceByteCount..<(nonceByteCount + count)])
        let valid = combined.withUnsafeBytes { box in
            plaintext.withUnsafeMutableBytes { buffer in
                withContiguousBytes(of: authenticatedData) { aad in
                    var state = prepared.keyState
                    state.setNonce(box.baseAddress!)
                    return state.open(inPlace: buffer, aad: aad, tag: box.baseAddress! + nonceByteCount + count)
                }
            }
        }
        guard valid else { throw .authenticationFailure }
        return plaintext
    }

    /// Verifies and decrypts `sealedBox`, sealed with no additional data.
    public static func open(_ sealedBox: SealedBox, using key: SymmetricKey) throws(CryptoKitError) -> [UInt8] {
        try open(sealedBox, using: key, authenticating: EmptyCollection())
    }
}
