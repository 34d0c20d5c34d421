import BrookCrypto
import SwiftASN1

extension Certificate {
    /// The certificate a WebRTC endpoint presents in DTLS (RFC 8827 §6.5): v3, a random positive
    /// 16-octet serial number, issuer = subject = `CN=commonName` (a UTF8String), the given
    /// validity, the key's public half, no extensions — the shape libwebrtc uses — signed with
    /// ecdsa-with-SHA256 over a hedged RFC 6979 nonce (`rng` is mixed in).
    ///
    /// No clock is read: pass the validity period (libwebrtc uses CN "WebRTC", from a day back to
    /// 30 days ahead; `webRTC(privateKey:now:using:)` does that). Times in 1950–2049 are written
    /// as UTCTime, others as GeneralizedTime (RFC 5280 §4.1.2.5). `.invalidCommonName` for an
    /// empty name or one over 64 UTF-8 bytes; `.invalidTime` when `notAfter` precedes `notBefore`.
    public static func selfSigned(
        privateKey: P256.Signing.PrivateKey, commonName: String,
        notBefore: UTCDateTime, notAfter: UTCDateTime,
        using rng: inout some RandomNumberGenerator
    ) throws(X509Error) -> Certificate {
        // RFC 5280 Appendix A: ub-common-name INTEGER ::= 64.
        guard !commonName.utf8.isEmpty, commonName.utf8.count <= 64 else { throw .invalidCommonName }
        guard notBefore <= notAfter else { throw .invalidTime }

        var serial = [UInt8](repeating: 0, count: 16)
        serial.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
        // Top bit clear (positive) and the next bit set, so the INTEGER is always 16 octets.
        serial[0] = serial[0] & 0x3F | 0x40

        let name = DistinguishedName(commonName: commonName)
        let publicKey = privateKey.publicKey
        let spki = publicKey.derRepresentation
        let tbs = tbsCertificate(serial: serial, name: name.derEncoded, notBefore: notBefore,
                                 notAfter: notAfter, subjectPublicKeyInfo: spki)
        let signature: [UInt8]
        do {
            signature = try privateKey.signature(for: tbs, hedgingWith: &rng).derRepresentation
        } catch {
            throw .signingFailed
        }

        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { certificate in
            certificate.serializeRawBytes(tbs)
            appendSignatureAlgorithm(to: &certificate)
            certificate.appendPrimitiveNode(identifier: .bitString) { content in
                content.append(0)  // no unused bits
                content.append(contentsOf: signature)
            }
        }
        return Certificate(
            derEncoded: serializer.serializedBytes, tbsCertificate: tbs[...], version: .v3,
            serialNumber: serial[...], signatureAlgorithm: .ecdsaWithSHA256, issuer: name, subject: name,
            notBefore: notBefore, notAfter: notAfter, publicKey: .p256(publicKey),
            subjectPublicKeyInfo: spki[...], extensions: [], signature: signature[...]
        )
    }

    /// `selfSigned(privateKey:commonName:notBefore:notAfter:using:)` with the system CSPRNG.
    public static func selfSigned(
        privateKey: P256.Signing.PrivateKey, commonName: String,
        notBefore: UTCDateTime, notAfter: UTCDateTime
    ) throws(X509Error) -> Certificate {
        var rng = SystemRandom()
        return try selfSigned(privateKey: privateKey, commonName: commonName,
                              notBefore: notBefore, notAfter: notAfter, using: &rng)
    }

    /// The common name libwebrtc gives its certificates.
    public static let webRTCCommonName = "WebRTC"
    /// How far before `now` a WebRTC certificate's validity starts (one day, libwebrtc's allowance
    /// for clock skew), in seconds.
    public static let webRTCBackdating: Int64 = 24 * 60 * 60
    /// How long after `now` a WebRTC certificate stays valid (30 days, libwebrtc's default), in seconds.
    public static let webRTCLifetime: Int64 = 30 * 24 * 60 * 60

    /// A certificate shaped like libwebrtc's: CN "WebRTC", valid from a day before `now` to 30 days
    /// after it. The caller passes the current time, so no clock is read here.
    public static func webRTC(
        privateKey: P256.Signing.PrivateKey, now: UTCDateTime, using rng: inout some RandomNumberGenerator
    ) throws(X509Error) -> Certificate {
        try selfSigned(privateKey: privateKey, commonName: webRTCCommonName,
                       notBefore: try now.adding(seconds: -webRTCBackdating),
                       notAfter: try now.adding(seconds: webRTCLifetime), using: &rng)
    }

    /// `webRTC(privateKey:now:using:)` with the system CSPRNG.
    public static func webRTC(privateKey: P256.Signing.PrivateKey, now: UTCDateTime) throws(X509Error) -> Certificate {
        var rng = SystemRandom()
        return try webRTC(privateKey: privateKey, now: now, using: &rng)
    }

    /// TBSCertificate (RFC 5280 §4.1.2) for a v3 self-signed ECDSA certificate with no extensions.
    private static func tbsCertificate(serial: [UInt8], name: [UInt8], notBefore: UTCDateTime,
                                       notAfter: UTCDateTime, subjectPublicKeyInfo: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { tbs in
            tbs.appendConstructedNode(identifier: DERReading.contextTag(0)) { version in
                version.appendPrimitiveNode(identifier: .integer) { $0.append(UInt8(Version.v3.rawValue)) }
            }
            tbs.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serial) }
            appendSignatureAlgorithm(to: &tbs)
            tbs.serializeRawBytes(name)  // issuer
            tbs.appendConstructedNode(identifier: .sequence) { validity in
                X509Time.serialize(notBefore, into: &validity)
                X509Time.serialize(notAfter, into: &validity)
            }
            tbs.serializeRawBytes(name)  // subject
            tbs.serializeRawBytes(subjectPublicKeyInfo)
        }
        return serializer.serializedBytes
    }

    /// AlgorithmIdentifier { ecdsa-with-SHA256 } with the parameters absent (RFC 5758 §3.2).
    private static func appendSignatureAlgorithm(to serializer: inout DER.Serializer) {
        serializer.appendConstructedNode(identifier: .sequence) { algorithm in
            algorithm.appendPrimitiveNode(identifier: .objectIdentifier) {
                $0.append(contentsOf: SignatureAlgorithm.ecdsaWithSHA256Content)
            }
        }
    }
}
