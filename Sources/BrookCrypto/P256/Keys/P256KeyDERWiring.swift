// DER and PEM forms of P-256 keys and ECDSA signatures, wired through the shared encoders in
// P256/Encoding/ (RFC 5480 SubjectPublicKeyInfo, RFC 5915 ECPrivateKey, RFC 5208/5958 PKCS#8, RFC 7468 PEM).

extension P256PublicKeyMaterial {
    /// From a SubjectPublicKeyInfo holding an uncompressed or compressed point.
    @usableFromInline
    init(derRepresentation der: some Collection<UInt8>) throws(CryptoKitError) {
        try self.init(sec1Point: try P256KeyEncoding.parseSPKI(der))
    }

    /// From a "PUBLIC KEY" PEM document.
    @usableFromInline
    init(pemRepresentation pem: String) throws(CryptoKitError) {
        let (label, der) = try P256KeyEncoding.parsePEM(pem)
        guard label == P256KeyEncoding.publicKeyLabel else { throw .invalidPEM }
        try self.init(derRepresentation: der)
    }

    @usableFromInline var derBytes: [UInt8] { P256KeyEncoding.spki(x963Point: x963Bytes) }
    @usableFromInline var pem: String { P256KeyEncoding.pem(label: P256KeyEncoding.publicKeyLabel, der: derBytes) }
}

extension P256PrivateKeyMaterial {
    /// From PKCS#8 PrivateKeyInfo or SEC 1 ECPrivateKey DER; a stated public key must match.
    @usableFromInline
    init(derRepresentation der: some Collection<UInt8>) throws(CryptoKitError) {
        let (scalar, publicKey) = try P256KeyEncoding.parsePrivateKeyDER(der)
        try self.init(scalar: scalar, statedPublicKey: publicKey)
    }

    /// From a "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC 1) PEM document.
    @usableFromInline
    init(pemRepresentation pem: String) throws(CryptoKitError) {
        let (label, der) = try P256KeyEncoding.parsePEM(pem)
        let parsed: (scalar: [UInt8], publicKey: [UInt8]?)
        switch label {
        case P256KeyEncoding.privateKeyLabel: parsed = try P256KeyEncoding.parsePKCS8(der)
        case P256KeyEncoding.ecPrivateKeyLabel: parsed = try P256KeyEncoding.parseSEC1(der)
        default: throw .invalidPEM
        }
        try self.init(scalar: parsed.scalar, statedPublicKey: parsed.publicKey)
    }

    @usableFromInline var pkcs8DER: [UInt8] {
        P256KeyEncoding.pkcs8(privateScalar: rawBytes, x963PublicKey: publicKey.x963Bytes)
    }
    @usableFromInline var pkcs8PEM: String { P256KeyEncoding.pem(label: P256KeyEncoding.privateKeyLabel, der: pkcs8DER) }
    @usableFromInline var sec1DER: [UInt8] {
        P256KeyEncoding.sec1(privateScalar: rawBytes, x963PublicKey: publicKey.x963Bytes)
    }
    @usableFromInline var sec1PEM: String { P256KeyEncoding.pem(label: P256KeyEncoding.ecPrivateKeyLabel, der: sec1DER) }
}

extension P256.KeyAgreement.PublicKey {
    /// From a DER SubjectPublicKeyInfo (RFC 5480).
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
        self.init(material: try P256PublicKeyMaterial(derRepresentation: derRepresentation))
    }
    /// From a "PUBLIC KEY" PEM document.
    public init(pemRepresentation: String) throws(CryptoKitError) {
        self.init(material: try P256PublicKeyMaterial(pemRepresentation: pemRepresentation))
    }
    /// DER SubjectPublicKeyInfo with the uncompressed point.
    public var derRepresentation: [UInt8] { material.derBytes }
    /// "PUBLIC KEY" PEM.
    public var pemRepresentation: String { material.pem }
}

extension P256.Signing.PublicKey {
    /// From a DER SubjectPublicKeyInfo (RFC 5480).
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
        self.init(material: try P256PublicKeyMaterial(derRepresentation: derRepresentation))
    }
    /// From a "PUBLIC KEY" PEM document.
    public init(pemRepresentation: String) throws(CryptoKitError) {
        self.init(material: try P256PublicKeyMaterial(pemRepresentation: pemRepresentation))
    }
    /// DER SubjectPublicKeyInfo with the uncompressed point.
    public var derRepresentation: [UInt8] { material.derBytes }
    /// "PUBLIC KEY" PEM.
    public var pemRepresentation: String { material.pem }
}

extension P256.KeyAgreement.PrivateKey {
    /// From PKCS#8 or SEC 1 (RFC 5915) DER.
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
        self.init(material: try P256PrivateKeyMaterial(derRepresentation: derRepresentation))
    }
    /// From a "PRIVATE KEY" or "EC PRIVATE KEY" PEM document.
    public init(pemRepresentation: String) throws(CryptoKitError) {
        self.init(material: try P256PrivateKeyMaterial(pemRepresentation: pemRepresentation))
    }
    /// PKCS#8 PrivateKeyInfo DER.
    public var derRepresentation: [UInt8] { material.pkcs8DER }
    /// PKCS#8 "PRIVATE KEY" PEM.
    public var pemRepresentation: String { material.pkcs8PEM }
    /// SEC 1 ECPrivateKey DER.
    public var sec1DERRepresentation: [UInt8] { material.sec1DER }
    /// SEC 1 "EC PRIVATE KEY" PEM.
    public var sec1PEMRepresentation: String { material.sec1PEM }
}

extension P256.Signing.PrivateKey {
    /// From PKCS#8 or SEC 1 (RFC 5915) DER.
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
        self.init(material: try P256PrivateKeyMaterial(derRepresentation: derRepresentation))
    }
    /// From a "PRIVATE KEY" or "EC PRIVATE KEY" PEM document.
    public init(pemRepresentation: String) throws(CryptoKitError) {
        self.init(material: try P256PrivateKeyMaterial(pemRepresentation: pemRepresentation))
    }
    /// PKCS#8 PrivateKeyInfo DER.
    public var derRepresentation: [UInt8] { material.pkcs8DER }
    /// PKCS#8 "PRIVATE KEY" PEM.
    public var pemRepresentation: String { material.pkcs8PEM }
    /// SEC 1 ECPrivateKey DER.
    public var sec1DERRepresentation: [UInt8] { material.sec1DER }
    /// SEC 1 "EC PRIVATE KEY" PEM.
    public var sec1PEMRepresentation: String { material.sec1PEM }
}

extension P256.Signing.ECDSASignature {
    /// From the DER SEQUENCE { r INTEGER, s INTEGER } (X9.62, RFC 3279 §2.2.3); strict DER.
    public init(derRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
        let (r, s) = try ECDSASignatureEncoding.parseDER(derRepresentation)
        guard r.count == 32, s.count == 32 else { throw .invalidSignatureEncoding }
        self.init(r: r, s: s)
    }
    /// The DER SEQUENCE { r INTEGER, s INTEGER } with minimal positive integers.
    public var derRepresentation: [UInt8] { ECDSASignatureEncoding.der(r: r, s: s) }
}
