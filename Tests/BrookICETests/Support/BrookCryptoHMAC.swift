import BrookCrypto

/// A thin wrapper so tests can compute HMAC-SHA256 without importing BrookCrypto everywhere.
enum BrookCryptoHMAC {
    static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }
}
