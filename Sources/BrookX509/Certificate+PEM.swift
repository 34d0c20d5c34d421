import SwiftASN1

extension Certificate {
    /// The PEM label of a certificate (RFC 7468 §5.1).
    static let pemLabel = "CERTIFICATE"

    /// The longest PEM text accepted: base64 of `maximumDERByteCount` with line breaks, plus room
    /// for explanatory text such as `openssl x509 -text` prints before the document.
    public static let maximumPEMByteCount = 4 * maximumDERByteCount

    /// Parses the one "CERTIFICATE" PEM document in `pemEncoded` (RFC 7468 §5.1); text outside the
    /// BEGIN/END lines is ignored. Several documents, another label, bad base64 or line lengths
    /// are `.invalidPEM`; the DER inside is parsed as by `init(derEncoded:)`.
    public init(pemEncoded: String) throws(X509Error) {
        guard pemEncoded.utf8.count <= Certificate.maximumPEMByteCount else { throw .invalidPEM }
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pemEncoded)
        } catch {
            throw .invalidPEM
        }
        guard document.discriminator == Certificate.pemLabel else { throw .invalidPEM }
        try self.init(derEncoded: document.derBytes)
    }

    /// The certificate as a PEM document: BEGIN/END lines around base64 in 64-character lines,
    /// ending in a newline (the text OpenSSL writes).
    public var pemEncoded: String {
        PEMDocument(type: Certificate.pemLabel, derBytes: derEncoded).pemString + "\n"
    }
}
