import BrookCrypto

/// The prepared-key, in-place AEAD API shared by `AES.GCM.PreparedKey` and `ChaChaPoly.PreparedKey`.
protocol InPlaceAEADKey: SendableMetatype {
    init(key: SymmetricKey) throws(CryptoKitError)
    func seal(
        inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
        authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer
    ) throws(CryptoKitError)
    func open(
        inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
        authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer
    ) throws(CryptoKitError)
}

extension CryptoBackend.AEAD {
    /// Drives `Key`'s in-place seal and open over copies of the inputs.
    static func inPlace<Key: InPlaceAEADKey>(_: Key.Type) -> Self {
        Self(
            seal: { key, nonce, aad, message, tagByteCount in
                let prepared = try Key(key: SymmetricKey(data: key))
                var buffer = message
                var tag = [UInt8](repeating: 0, count: tagByteCount)
                try buffer.withUnsafeMutableBytes { buffer in
                    try tag.withUnsafeMutableBytes { tag in
                        try nonce.withUnsafeBytes { nonce in
                            try aad.withUnsafeBytes { aad in
                                try prepared.seal(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
                            }
                        }
                    }
                }
                return (buffer, tag)
            },
            open: { key, nonce, aad, ciphertext, tag in
                let prepared = try Key(key: SymmetricKey(data: key))
                var buffer = ciphertext
                try buffer.withUnsafeMutableBytes { buffer in
                    try tag.withUnsafeBytes { tag in
                        try nonce.withUnsafeBytes { nonce in
                            try aad.withUnsafeBytes { aad in
                                try prepared.open(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
                            }
                        }
                    }
                }
                return buffer
            }
        )
    }
}
