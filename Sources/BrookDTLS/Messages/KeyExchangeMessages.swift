/// Certificate (RFC 5246 §7.4.2): certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
struct CertificateMessage {
    var certificates: [[UInt8]]

    init(certificates: [[UInt8]]) { self.certificates = certificates }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        var list = ByteReader(try reader.vector(lengthWidth: 3, 0...0xFFFFFF, "certificate_list"))
        try reader.expectEnd("Certificate")
        certificates = []
        while !list.isEmpty { certificates.append(Array(try list.vector(lengthWidth: 3, 1...0xFFFFFF, "ASN.1Cert"))) }
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 3 + certificates.reduce(0) { $0 + 3 + $1.count }) { out in
            out.appendVector(lengthWidth: 3) { list in
                for certificate in certificates { list.appendVector(lengthWidth: 3) { $0.append(contentsOf: certificate) } }
            }
        }
    }
}

/// ServerKeyExchange for ECDHE_ECDSA (RFC 8422 §5.4): ServerECDHParams (named_curve, public point)
/// and a digitally-signed value over client_random ‖ server_random ‖ params.
struct ServerKeyExchange {
    static let namedCurveType: UInt8 = 3
    var group: UInt16
    var publicKey: [UInt8]
    var signatureAlgorithm: UInt16
    var signature: [UInt8]

    init(group: UInt16, publicKey: [UInt8], signatureAlgorithm: UInt16, signature: [UInt8]) {
        self.group = group
        self.publicKey = publicKey
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        guard try reader.u8("curve_type") == Self.namedCurveType else { throw .illegalParameter("curve_type not named_curve") }
        group = try reader.u16("named_curve")
        publicKey = Array(try reader.vector(lengthWidth: 1, 1...255, "ECPoint"))
        signatureAlgorithm = try reader.u16("SignatureAndHashAlgorithm")
        signature = Array(try reader.vector(lengthWidth: 2, 0...0xFFFF, "signature"))
        try reader.expectEnd("ServerKeyExchange")
    }

    /// What the server's signature covers (RFC 8422 §5.4): client_random ‖ server_random ‖
    /// ServerECDHParams, in one buffer.
    static func signedContent(clientRandom: [UInt8], serverRandom: [UInt8], group: UInt16, publicKey: [UInt8]) -> [UInt8] {
        .encoded(capacity: clientRandom.count + serverRandom.count + 4 + publicKey.count) { out in
            out.append(contentsOf: clientRandom)
            out.append(contentsOf: serverRandom)
            appendParams(group: group, publicKey: publicKey, to: &out)
        }
    }

    /// ServerECDHParams: named_curve, the group, the public point.
    private static func appendParams(group: UInt16, publicKey: [UInt8], to out: inout [UInt8]) {
        out.append(namedCurveType)
        out.append(u16: group)
        out.appendVector(lengthWidth: 1) { $0.append(contentsOf: publicKey) }
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 4 + publicKey.count + 4 + signature.count) { out in
            Self.appendParams(group: group, publicKey: publicKey, to: &out)
            out.append(u16: signatureAlgorithm)
            out.appendVector(lengthWidth: 2) { $0.append(contentsOf: signature) }
        }
    }
}

/// CertificateRequest (RFC 5246 §7.4.4). certificate_authorities is empty: WebRTC peers use
/// self-signed certificates, and TLS 1.2 allows the empty list there.
struct CertificateRequest {
    static let ecdsaSign: UInt8 = 64  // RFC 8422 §5.5
    var certificateTypes: [UInt8] = [ecdsaSign]
    var signatureAlgorithms: [UInt16] = [ecdsaSecp256r1SHA256]

    init() {}

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        certificateTypes = Array(try reader.vector(lengthWidth: 1, 1...255, "certificate_types"))
        var list = ByteReader(try reader.vector(lengthWidth: 2, 2...0xFFFE, "supported_signature_algorithms"))
        guard list.remaining % 2 == 0 else { throw .decodeError("supported_signature_algorithms: odd length") }
        signatureAlgorithms = []
        while !list.isEmpty { signatureAlgorithms.append(try list.u16("signature algorithm")) }
        _ = try reader.vector(lengthWidth: 2, 0...0xFFFF, "certificate_authorities")
        try reader.expectEnd("CertificateRequest")
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 1 + certificateTypes.count + 2 + 2 * signatureAlgorithms.count + 2) { out in
            out.appendVector(lengthWidth: 1) { $0.append(contentsOf: certificateTypes) }
            HelloExtensions.appendU16List(signatureAlgorithms, to: &out)
            out.append(u16: 0)  // certificate_authorities: empty
        }
    }
}

/// ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's public point<1..255>.
struct ClientKeyExchange {
    var publicKey: [UInt8]

    init(publicKey: [UInt8]) { self.publicKey = publicKey }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        publicKey = Array(try reader.vector(lengthWidth: 1, 1...255, "ClientECDiffieHellmanPublic"))
        try reader.expectEnd("ClientKeyExchange")
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 1 + publicKey.count) { out in out.appendVector(lengthWidth: 1) { $0.append(contentsOf: publicKey) } }
    }
}

/// CertificateVerify (RFC 5246 §7.4.8): a digitally-signed hash of the transcript so far.
struct CertificateVerify {
    var signatureAlgorithm: UInt16
    var signature: [UInt8]

    init(signatureAlgorithm: UInt16, signature: [UInt8]) {
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    init(body: some Collection<UInt8>) throws(DTLSError) {
        var reader = ByteReader(body)
        signatureAlgorithm = try reader.u16("SignatureAndHashAlgorithm")
        signature = Array(try reader.vector(lengthWidth: 2, 0...0xFFFF, "signature"))
        try reader.expectEnd("CertificateVerify")
    }

    func encode() -> [UInt8] {
        .encoded(capacity: 4 + signature.count) { out in
            out.append(u16: signatureAlgorithm)
            out.appendVector(lengthWidth: 2) { $0.append(contentsOf: signature) }
        }
    }
}
