extension AES {
    /// AES in Galois/Counter Mode (NIST SP 800-38D): authenticated encryption with associated data.
    /// 12-byte nonces and 16-byte tags, as in CryptoKit. For repeated use of one key, and for tags
    /// shorter than 16 bytes, use `AES.GCM.PreparedKey`.
    public enum GCM {
        /// A GCM nonce (IV). 12 bytes is the norm; other non-empty lengths are accepted and hashed
        /// into the initial counter block (SP 800-38D §7.1).
        public struct Nonce: Sendable, Sequence {
            @usableFromInline let bytes: [UInt8]

            /// A fresh random 12-byte nonce from the system CSPRNG.
            public init() {
                var rng = SystemRandom()
                self.init(using: &rng)
            }

            /// A fresh random 12-byte nonce from an injected generator (deterministic tests).
            public init(using rng: inout some RandomNumberGenerator) {
                bytes = randomBytes(count: 12, using: &rng)
            }

            /// A nonce with exactly these bytes.
            /// - Throws: `.incorrectParameterSize` when `data` is empty.
            public init(data: some Collection<UInt8>) throws(CryptoKitError) {
                guard !data.isEmpty else { throw .incorrectParameterSize }
                bytes = Array(data)
            }

            /// The nonce bytes in order.
            public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

            /// Calls `body` with the nonce bytes.
            public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
                try bytes.withUnsafeBytes(body)
            }
        }

        /// The output of `seal`: nonce, ciphertext and 16-byte tag.
        public struct SealedBox: Sendable {
            /// The nonce used to seal.
            public let nonce: Nonce
            /// The encrypted message (same length as the plaintext).
            public let ciphertext: [UInt8]
            /// The 16-byte authentication tag.
            public let tag: [UInt8]

            /// nonce ‖ ciphertext ‖ tag, or nil when the nonce is not 12 bytes (the combined form
            /// could not be split again).
            public var combined: [UInt8]? {
                guard nonce.bytes.count == 12 else { return nil }
                return nonce.bytes + ciphertext + tag
            }

            /// Assembles a box from its parts.
            /// - Throws: `.incorrectParameterSize` unless `tag` has 16 bytes.
            public init(nonce: Nonce, ciphertext: some Collection<UInt8>, tag: some Collection<UInt8>) throws(CryptoKitError) {
                guard tag.count == 16 else { throw .incorrectParameterSize }
                self.nonce = nonce
                self.ciphertext = Array(ciphertext)
                self.tag = Array(tag)
            }

            /// Splits nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
            /// - Throws: `.incorrectParameterSize` when `combined` is shorter than 28 bytes.
            public init(combined: some Collection<UInt8>) throws(CryptoKitError) {
                let bytes = Array(combined)
                guard bytes.count >= 28 else { throw .incorrectParameterSize }
                nonce = try Nonce(data: bytes[0..<12])
                ciphertext = Array(bytes[12..<(bytes.count - 16)])
                tag = Array(bytes[(bytes.count - 16)...])
            }
        }

        /// Encrypts and authenticates `message`, also authenticating `aad`.
        /// - Parameter nonce: nil draws a random 12-byte nonce. Never reuse a nonce with one key.
        /// - Throws: `.incorrectKeySize` for a key that is not 16, 24 or 32 bytes;
        ///   `.incorrectParameterSize` for a message longer than 2^36 − 32 bytes.
        public static func seal(
            _ message: some Collection<UInt8>, using key: SymmetricKey, nonce: Nonce? = nil,
            authenticating aad: some Collection<UInt8>
        ) throws(CryptoKitError) -> SealedBox {
            let prepared = try PreparedKey(key: key)
            let nonce = nonce ?? Nonce()
            var text = Array(message)
            var tag = [UInt8](repeating: 0, count: 16)
            try withMutableBytes(of: &text) { (buffer) throws(CryptoKitError) in
                try withBytes(of: nonce.bytes) { (n) throws(CryptoKitError) in
                    try withContiguousBytes(of: aad) { (a) throws(CryptoKitError) in
                        try withMutableBytes(of: &tag) { (t) throws(CryptoKitError) in
                            try prepared.seal(inPlace: buffer, nonce: n, authenticating: a, tag: t)
                        }
                    }
                }
            }
            return try SealedBox(nonce: nonce, ciphertext: text, tag: tag)
        }

        /// Encrypts and authenticates `message` with no additional data.
        public static func seal(
            _ message: some Collection<UInt8>, using key: SymmetricKey, nonce: Nonce? = nil
        ) throws(CryptoKitError) -> SealedBox {
            try seal(message, using: key, nonce: nonce, authenticating: EmptyCollection<UInt8>())
        }

        /// Encrypts and authenticates `message` and `aad` under a random 12-byte nonce drawn from
        /// `nonceGenerator` instead of the system CSPRNG (deterministic tests).
        public static func seal(
            _ message: some Collection<UInt8>, using key: SymmetricKey, authenticating aad: some Collection<UInt8>,
            nonceGenerator: inout some RandomNumberGenerator
        ) throws(CryptoKitError) -> SealedBox {
            try seal(message, using: key, nonce: Nonce(using: &nonceGenerator), authenticating: aad)
        }

        /// Encrypts and authenticates `message` under a random nonce drawn from `nonceGenerator`.
        public static func seal(
            _ message: some Collection<UInt8>, using key: SymmetricKey, nonceGenerator: inout some RandomNumberGenerator
        ) throws(CryptoKitError) -> SealedBox {
            try seal(message, using: key, nonce: Nonce(using: &nonceGenerator), authenticating: EmptyCollection<UInt8>())
        }

        /// Verifies and decrypts `box`, which must have been sealed with `aad`.
        /// - Throws: `.authenticationFailure` when the tag does not verify (no plaintext is
        ///   released); `.incorrectKeySize` for a bad key.
        public static func open(
            _ box: SealedBox, using key: SymmetricKey, authenticating aad: some Collection<UInt8>
        ) throws(CryptoKitError) -> [UInt8] {
            let prepared = try PreparedKey(key: key)
            var text = box.ciphertext
            try withMutableBytes(of: &text) { (buffer) throws(CryptoKitError) in
                try withBytes(of: box.nonce.bytes) { (n) throws(CryptoKitError) in
                    try withContiguousBytes(of: aad) { (a) throws(CryptoKitError) in
                        try withBytes(of: box.tag) { (t) throws(CryptoKitError) in
                            try prepared.open(inPlace: buffer, nonce: n, authenticating: a, tag: t)
                        }
                    }
                }
            }
            return text
        }

        /// Verifies and decrypts `box`, sealed with no additional data.
        public static func open(_ box: SealedBox, using key: SymmetricKey) throws(CryptoKitError) -> [UInt8] {
            try open(box, using: key, authenticating: EmptyCollection<UInt8>())
        }
    }
}
