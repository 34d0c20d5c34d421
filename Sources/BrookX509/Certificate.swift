import BrookCrypto

/// An X.509 v1–v3 certificate (RFC 5280 §4.1), parsed strictly from DER or produced by
/// `selfSigned(privateKey:commonName:notBefore:notAfter:using:)`.
///
/// The value keeps the exact bytes it was read from (`derEncoded`), the exact to-be-signed bytes
/// (`tbsCertificate`) that the signature covers, and the decoded fields. WebRTC endpoints exchange
/// self-signed certificates and authenticate them by fingerprint (`CertificateFingerprint`), so
/// no chain building or extension processing is done here.
public struct Certificate: Sendable {
    /// The certificate format version (RFC 5280 §4.1.2.1).
    public enum Version: Int, Hashable, Sendable {
        /// Version 1: no unique identifiers, no extensions (encoded by omitting the field).
        case v1 = 0
        /// Version 2: unique identifiers allowed.
        case v2 = 1
        /// Version 3: extensions allowed; what Brook generates.
        case v3 = 2
    }

    /// The longest DER input accepted, bounding the work hostile input can cause. WebRTC
    /// certificates are a few hundred bytes; large RSA chains' certificates stay well under this.
    public static let maximumDERByteCount = 64 * 1024

    /// The decoded fields, shared by every copy: a certificate is handed around a handshake (to
    /// the peer-certificate and connected events, the negotiated parameters, a configuration), and
    /// each copy is one reference, not a dozen. A parsed certificate's byte fields are slices of its
    /// one DER buffer, made into arrays only when asked for.
    private final class Storage: Sendable {
        let derEncoded: [UInt8]
        let tbsCertificate: ArraySlice<UInt8>
        let version: Version
        let serialNumber: ArraySlice<UInt8>
        let signatureAlgorithm: SignatureAlgorithm
        let issuer: DistinguishedName
        let subject: DistinguishedName
        let notBefore: UTCDateTime
        let notAfter: UTCDateTime
        let publicKey: CertificatePublicKey
        let subjectPublicKeyInfo: ArraySlice<UInt8>
        let extensions: [CertificateExtension]
        let signature: ArraySlice<UInt8>

        init(derEncoded: [UInt8], tbsCertificate: ArraySlice<UInt8>, version: Version, serialNumber: ArraySlice<UInt8>,
             signatureAlgorithm: SignatureAlgorithm, issuer: DistinguishedName, subject: DistinguishedName,
             notBefore: UTCDateTime, notAfter: UTCDateTime, publicKey: CertificatePublicKey,
             subjectPublicKeyInfo: ArraySlice<UInt8>, extensions: [CertificateExtension], signature: ArraySlice<UInt8>) {
            self.derEncoded = derEncoded
            self.tbsCertificate = tbsCertificate
            self.version = version
            self.serialNumber = serialNumber
            self.signatureAlgorithm = signatureAlgorithm
            self.issuer = issuer
            self.subject = subject
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.publicKey = publicKey
            self.subjectPublicKeyInfo = subjectPublicKeyInfo
            self.extensions = extensions
            self.signature = signature
        }
    }

    private let storage: Storage

    /// The exact DER encoding of the whole certificate.
    public var derEncoded: [UInt8] { storage.derEncoded }
    /// The exact DER encoding of the TBSCertificate, the bytes the signature covers.
    public var tbsCertificate: [UInt8] { Array(storage.tbsCertificate) }
    /// The certificate format version.
    public var version: Version { storage.version }
    /// The serial number's content octets: a non-negative integer, big-endian, minimal (so a
    /// leading 00 appears when the top bit of the next octet is set), at most 20 octets of value.
    public var serialNumber: [UInt8] { Array(storage.serialNumber) }
    /// The signature algorithm (the outer and TBS copies are required to be identical).
    public var signatureAlgorithm: SignatureAlgorithm { storage.signatureAlgorithm }
    /// The issuer name.
    public var issuer: DistinguishedName { storage.issuer }
    /// The subject name.
    public var subject: DistinguishedName { storage.subject }
    /// The start of the validity period (inclusive).
    public var notBefore: UTCDateTime { storage.notBefore }
    /// The end of the validity period (inclusive, RFC 5280 §4.1.2.5).
    public var notAfter: UTCDateTime { storage.notAfter }
    /// The subject public key.
    public var publicKey: CertificatePublicKey { storage.publicKey }
    /// The exact DER encoding of the SubjectPublicKeyInfo.
    public var subjectPublicKeyInfo: [UInt8] { Array(storage.subjectPublicKeyInfo) }
    /// The extensions (v3 only), in the order they appear.
    public var extensions: [CertificateExtension] { storage.extensions }
    /// The signature bytes: the content of the signatureValue BIT STRING (for ECDSA, the DER
    /// SEQUENCE { r, s }).
    public var signature: [UInt8] { Array(storage.signature) }

    /// The subject's common name, when it has one.
    public var subjectCommonName: String? { subject.commonName }

    /// True when the issuer and subject names are identical (RFC 5280 §3.2 "self-issued").
    public var isSelfIssued: Bool { issuer.encodedBytes == subject.encodedBytes }

    /// True when `time` lies within [notBefore, notAfter].
    public func isValid(at time: UTCDateTime) -> Bool {
        notBefore <= time && time <= notAfter
    }

    /// True when the signature verifies under the certificate's own public key over the exact
    /// TBS bytes: a P-256 key with ecdsa-with-SHA256 (or -SHA384/-SHA512). Names are not compared
    /// (see `isSelfIssued`); any other key or algorithm gives false.
    public func verifySelfSignature() -> Bool {
        guard case .p256(let key) = publicKey,
              let ecdsaSignature = try? P256.Signing.ECDSASignature(derRepresentation: storage.signature)
        else { return false }
        let signed = storage.tbsCertificate
        switch signatureAlgorithm {
        case .ecdsaWithSHA256:
            return key.isValidSignature(ecdsaSignature, forDigest: SHA256.hash(data: signed))
        case .ecdsaWithSHA384:
            return key.isValidSignature(ecdsaSignature, forDigest: SHA384.hash(data: signed))
        case .ecdsaWithSHA512:
            return key.isValidSignature(ecdsaSignature, forDigest: SHA512.hash(data: signed))
        default:
            return false
        }
    }

    init(derEncoded: [UInt8], tbsCertificate: ArraySlice<UInt8>, version: Version, serialNumber: ArraySlice<UInt8>,
         signatureAlgorithm: SignatureAlgorithm, issuer: DistinguishedName, subject: DistinguishedName,
         notBefore: UTCDateTime, notAfter: UTCDateTime, publicKey: CertificatePublicKey,
         subjectPublicKeyInfo: ArraySlice<UInt8>, extensions: [CertificateExtension], signature: ArraySlice<UInt8>) {
        storage = Storage(derEncoded: derEncoded, tbsCertificate: tbsCertificate, version: version,
                          serialNumber: serialNumber, signatureAlgorithm: signatureAlgorithm, issuer: issuer,
                          subject: subject, notBefore: notBefore, notAfter: notAfter, publicKey: publicKey,
                          subjectPublicKeyInfo: subjectPublicKeyInfo, extensions: extensions, signature: signature)
    }
}

extension Certificate: Hashable {
    /// Certificates are equal when their DER encodings are.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(derEncoded) }
}

extension Certificate: CustomStringConvertible {
    /// A one-line summary: subject, serial, validity and algorithm.
    public var description: String {
        let serial = storage.serialNumber.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
        let name = subjectCommonName.map { "CN=\($0)" } ?? "(no common name)"
        return "Certificate(\(name), serial \(serial), \(notBefore) – \(notAfter), \(signatureAlgorithm))"
    }
}
