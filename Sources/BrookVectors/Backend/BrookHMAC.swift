import BrookCrypto

extension CryptoBackend {
    /// HMAC (RFC 2104) over each BrookCrypto hash, by Wycheproof algorithm name. Full-length tags.
    static let brookMACs: [String: @Sendable ([UInt8], [UInt8]) -> [UInt8]] = [
        "HMACSHA1": { hmac(Insecure.SHA1.self, key: $0, message: $1) },
        "HMACSHA256": { hmac(SHA256.self, key: $0, message: $1) },
        "HMACSHA384": { hmac(SHA384.self, key: $0, message: $1) },
        "HMACSHA512": { hmac(SHA512.self, key: $0, message: $1) },
    ]

    private static func hmac<H: HashFunction>(_: H.Type, key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<H>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
