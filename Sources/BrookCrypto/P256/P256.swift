/// NIST P-256 (secp256r1, prime256v1): ECDH key agreement and ECDSA signatures with SHA-256,
/// shaped like CryptoKit's `P256`. Everything, down to the field arithmetic, is Swift; every operation
/// on a private key, nonce or secret scalar runs in constant time.
public enum P256 {
    /// Elliptic-curve Diffie–Hellman (SEC 1 §3.3.1, NIST SP 800-56A Rev. 3 §5.7.1.2).
    public enum KeyAgreement {}
    /// ECDSA with SHA-256 (FIPS 186-5 §6, SEC 1 §4.1) and deterministic nonces (RFC 6979).
    public enum Signing {}
}
