// A ChaCha20-Poly1305 key expanded once, for sealing and opening in place without allocating.

extension ChaChaPoly {
    /// A key ready for repeated in-place use (one per DTLS/SRTP epoch, say). Sealing and opening
    /// allocate nothing: the caller owns every buffer.
    public struct PreparedKey: Sendable {
        let keyState: ChaCha20State

        /// Prepares `key`.
        /// - Throws: `CryptoKitError.incorrectKeySize` unless the key is 32 bytes.
        public init(key: SymmetricKey) throws(CryptoKitError) {
            guard key.bytes.count == ChaChaPoly.keyByteCount else { throw .incorrectKeySize }
            keyState = key.bytes.withUnsafeBytes { ChaCha20State(key: $0.baseAddress!) }
        }

        /// Encrypts `buffer` in place and writes the 16-byte tag over `aad` ‖ ciphertext to `tag`.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when `nonce` is not 12 bytes, `tag` is not
        ///   16 bytes, or `buffer` exceeds the 256 GiB limit of one nonce (RFC 8439 §2.8).
        public func seal(
            inPlace buffer: UnsafeMutableRawBufferPointer,
            nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer,
            tag: UnsafeMutableRawBufferPointer
        ) throws(CryptoKitError) {
            guard nonce.count == ChaChaPoly.nonceByteCount, tag.count == ChaChaPoly.tagByteCount,
                  buffer.count <= chachaPolyMaximumMessageSize,
                  let noncePointer = nonce.baseAddress, let tagPointer = tag.baseAddress
            else { throw .incorrectParameterSize }
            var state = keyState
            state.setNonce(noncePointer)
            state.seal(inPlace: buffer, aad: aad, tag: tagPointer)
        }

        /// Verifies `tag` in constant time and, only if it matches, decrypts `buffer` in place.
        /// - Throws: `CryptoKitError.authenticationFailure` when the tag does not match (the buffer
        ///   is then left unchanged); `CryptoKitError.incorrectParameterSize` when `nonce` is not
        ///   12 bytes, `tag` is not 16 bytes, or `buffer` exceeds the limit of one nonce.
        public func open(
            inPlace buffer: UnsafeMutableRawBufferPointer,
            nonce: UnsafeRawBufferPointer,
            authenticating aad: UnsafeRawBufferPointer,
            tag: UnsafeRawBufferPointer
        ) throws(CryptoKitError) {
            guard nonce.count == ChaChaPoly.nonceByteCount, tag.count == ChaChaPoly.tagByteCount,
                  buffer.count <= chachaPolyMaximumMessageSize,
                  let noncePointer = nonce.baseAddress, let tagPointer = tag.baseAddress
            else { throw .incorrectParameterSize }
            var state = keyState
            state.setNonce(noncePointer)
            guard state.open(inPlace: buffer, aad: aad, tag: tagPointer) else { throw .authenticationFailure }
        }
    }
}
