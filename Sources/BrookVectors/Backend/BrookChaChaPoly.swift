import BrookCrypto

extension ChaChaPoly.PreparedKey: InPlaceAEADKey {}

extension CryptoBackend {
    /// ChaCha20-Poly1305 (RFC 8439) through `ChaChaPoly.PreparedKey` (12-byte nonce, 16-byte tag).
    static let brookChaChaPoly = AEAD.inPlace(ChaChaPoly.PreparedKey.self)
}
