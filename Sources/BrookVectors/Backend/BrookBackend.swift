extension CryptoBackend {
    /// BrookCrypto's implementations of every operation the runners check.
    static let brook: CryptoBackend = {
        var backend = CryptoBackend()
        backend.macs = brookMACs
        backend.aeads = ["AES-GCM": brookAESGCM, "CHACHA20-POLY1305": brookChaChaPoly]
        backend.p256SharedSecret = brookP256SharedSecret
        backend.p256Verify = brookP256Verify
        backend.x25519SharedSecret = brookX25519
        return backend
    }()
}
