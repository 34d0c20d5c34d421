import SwiftASN1

/// The object identifiers a WebRTC certificate is made of, matched by their DER content octets, so
/// that parsing one compares a few bytes instead of formatting each identifier as dotted text
/// (swift-asn1 builds that string digit by digit, which was most of a certificate parse). Any
/// other identifier still gets its dotted form from swift-asn1.
enum KnownObjectIdentifiers {
    /// Content octets and dotted form of each known identifier.
    static let table: [(content: [UInt8], dotted: String)] = (
        // The signature algorithms and key identifiers the parser names, from where it names them.
        SignatureAlgorithm.known.map(\.objectIdentifier)
            + [CertificatePublicKey.ecPublicKeyOID, CertificatePublicKey.prime256v1OID, DistinguishedName.commonNameType]
            // Other keys and curves (RFC 5480 §2.1.1, RFC 5480 §2.1.1.1, RFC 8410 §3): RSA, P-384, P-521, X25519.
            + ["1.2.840.113549.1.1.1", "1.3.132.0.34", "1.3.132.0.35", "1.3.101.110"]
            // Other name attributes (X.520): C, L, ST, O, OU, serialNumber, emailAddress.
            + ["2.5.4.6", "2.5.4.7", "2.5.4.8", "2.5.4.10", "2.5.4.11", "2.5.4.5", "1.2.840.113549.1.9.1"]
            // Extensions (RFC 5280 §4.2.1).
            + ["2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.35", "2.5.29.37"]
    ).map { (content: contentOctets(dotted: $0), dotted: $0) }

    /// The dotted form of an OBJECT IDENTIFIER node. A known identifier's content octets are a
    /// valid encoding by construction; any other is validated and formatted by swift-asn1.
    static func dotted(_ node: ASN1Node) throws -> String {
        if node.identifier == .objectIdentifier, case .primitive(let content) = node.content,
           let known = table.first(where: { $0.content.count == content.count && $0.content.elementsEqual(content) }) {
            return known.dotted
        }
        return try ASN1ObjectIdentifier(derEncoded: node).description
    }

    /// The DER content octets of a dotted identifier (X.690 §8.19): the first two arcs as one
    /// subidentifier, each subidentifier in base 128, high bit set on all but its last octet.
    static func contentOctets(dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").map { UInt($0)! }
        var octets: [UInt8] = []
        for subidentifier in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var groups = [UInt8(subidentifier & 0x7F)]
            var rest = subidentifier >> 7
            while rest > 0 {
                groups.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            octets += groups.reversed()
        }
        return octets
    }
}
