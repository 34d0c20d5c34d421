import BrookCrypto

extension AES.GCM.PreparedKey: InPlaceAEADKey {}

extension CryptoBackend {
    /// AES-GCM through `AES.GCM.PreparedKey` (any non-empty nonce length, tags of 4...16 bytes).
    static let brookAESGCM = AEAD.inPlace(AES.GCM.PreparedKey.self)
}
