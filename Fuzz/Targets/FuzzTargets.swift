extension FuzzTarget {
    /// Every target, in the order `scripts/fuzz` runs them. A new parser's target joins with one line here.
    public static let all: [FuzzTarget] = [
        .x509DER,
        .x509PEM,
        .sdpFingerprint,
        .p256PublicKey,
        .p256PrivateKey,
        .ecdsaSignature,
        .x25519,
        .aeadOpen,
        .srtp,
        .srtcp,
        .dtlsServer,
        .dtlsClient,
        .dtlsRecord,
        .stun,
    ]
}
