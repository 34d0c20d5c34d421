import SwiftASN1

extension P256KeyEncoding {
    // MARK: PEM (RFC 7468)

    /// The three labels a P-256 key document may carry.
    static let publicKeyLabel = "PUBLIC KEY"
    static let ecPrivateKeyLabel = "EC PRIVATE KEY"
    static let privateKeyLabel = "PRIVATE KEY"

    /// The longest PEM text `parsePEM` reads.
    static let maximumPEMByteCount = 64 * 1024

    /// `der` as a PEM document: BEGIN/END lines around base64 in lines of 64 characters, ending
    /// in a newline (the same text OpenSSL writes).
    static func pem(label: String, der: [UInt8]) -> String {
        PEMDocument(type: label, derBytes: der).pemString + "\n"
    }

    /// The label and DER bytes of the one key document in `text`. An "EC PARAMETERS" block, as
    /// `openssl ecparam -genkey` writes before the key, is skipped when it names prime256v1.
    /// Other labels, several key documents, bad base64, or text longer than `maximumPEMByteCount`
    /// are `.invalidPEM`.
    static func parsePEM(_ text: String) throws(CryptoKitError) -> (label: String, der: [UInt8]) {
        // A P-256 key document is a few hundred bytes; refusing huge text up front bounds the work
        // an attacker can cause.
        guard text.utf8.count <= maximumPEMByteCount else { throw .invalidPEM }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .invalidPEM
        }
        var key: (label: String, der: [UInt8])?
        for document in documents {
            switch document.discriminator {
            case publicKeyLabel, ecPrivateKeyLabel, privateKeyLabel:
                guard key == nil else { throw .invalidPEM }
                key = (document.discriminator, document.derBytes)
            case "EC PARAMETERS":
                try parsingDER(document.derBytes) { root in try P256DER.requireNamedCurveP256(root) }
            default:
                throw .invalidPEM
            }
        }
        guard let key else { throw .invalidPEM }
        return key
    }
}
