import SwiftASN1

/// One certificate extension (RFC 5280 §4.1, §4.2), kept undecoded: Brook's WebRTC
/// certificates carry none, and others are only read, not interpreted.
public struct CertificateExtension: Hashable, Sendable {
    /// The extension's object identifier in dotted form (2.5.29.19 is basicConstraints).
    public let objectIdentifier: String
    /// Whether the extension is marked critical.
    public let isCritical: Bool
    /// The content of extnValue: the DER encoding of the extension's own value.
    public let value: [UInt8]

    /// Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`. Each extension may appear
    /// once (RFC 5280 §4.2); `critical` DEFAULT FALSE must be omitted when false (X.690 §11.5).
    static func parseAll(_ node: ASN1Node) throws(X509Error) -> [CertificateExtension] {
        var extensions: [CertificateExtension] = []
        try parsingDER(malformed: .invalidExtensions) {
            try DER.sequence(node, identifier: .sequence) { nodes in
                while let extensionNode = nodes.next() {
                    extensions.append(try CertificateExtension(extensionNode))
                }
            }
        }
        guard !extensions.isEmpty,
              Set(extensions.map(\.objectIdentifier)).count == extensions.count
        else { throw .invalidExtensions }
        return extensions
    }

    private init(_ node: ASN1Node) throws {
        (objectIdentifier, isCritical, value) = try DER.sequence(node, identifier: .sequence) { fields in
            guard let oidNode = fields.next(), var next = fields.next() else { throw X509Error.invalidExtensions }
            let oid = try KnownObjectIdentifiers.dotted(oidNode)
            var critical = false
            if next.identifier == .boolean {
                critical = try DERReading.boolean(next)
                guard critical, let valueNode = fields.next() else { throw X509Error.invalidExtensions }
                next = valueNode
            }
            return (oid, critical, Array(try ASN1OctetString(derEncoded: next).bytes))
        }
    }
}
