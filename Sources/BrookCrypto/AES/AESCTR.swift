extension AES {
    /// AES in counter mode (NIST SP 800-38A §6.5): the keystream is AES_K(T), AES_K(T+1), …, with the
    /// 16-byte counter block T incremented as a 128-bit big-endian integer, wrapping mod 2^128 (the
    /// counter rule of SRTP's AES-CM, RFC 3711 §4.1.1, and of RFC 3686 when the block counter
    /// stays below 2^32). Encryption and decryption are the same operation.
    ///
    /// CTR provides no integrity: use `AES.GCM` unless a protocol defines its own MAC.
    public struct CTR: Sendable {
        @usableFromInline let keys: AESRoundKeys

        /// Expands `key` once for many calls.
        /// - Throws: `.incorrectKeySize` unless the key has 16, 24 or 32 bytes.
        public init(key: SymmetricKey) throws(CryptoKitError) {
            keys = try AESRoundKeys(key: key)
        }

        /// XORs the keystream starting at `initialCounter` onto `buffer`, in place. Any length.
        /// - Throws: `.incorrectParameterSize` unless `initialCounter` has 16 bytes.
        public func applyKeystream(
            to buffer: UnsafeMutableRawBufferPointer, initialCounter: UnsafeRawBufferPointer
        ) throws(CryptoKitError) {
            guard initialCounter.count == 16 else { throw .incorrectParameterSize }
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            let start = CounterBlock(loading: initialCounter.baseAddress!)
            keys.applyCounterMode(from: start, .full128, input: UnsafeRawPointer(base), output: base, count: buffer.count)
        }

        /// Encrypts (or decrypts) `data` with the keystream starting at `initialCounter`.
        /// - Throws: `.incorrectKeySize` for a bad key; `.incorrectParameterSize` unless
        ///   `initialCounter` has 16 bytes.
        public static func encrypt(
            _ data: some Collection<UInt8>, using key: SymmetricKey, initialCounter: some Collection<UInt8>
        ) throws(CryptoKitError) -> [UInt8] {
            let ctr = try CTR(key: key)
            var out = Array(data)
            try withContiguousBytes(of: initialCounter) { (counter) throws(CryptoKitError) in
                try withMutableBytes(of: &out) { (buffer) throws(CryptoKitError) in
                    try ctr.applyKeystream(to: buffer, initialCounter: counter)
                }
            }
            return out
        }
    }
}
