import SwiftASN1

/// The DER form of an ECDSA signature, Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
/// (RFC 3279 §2.2.3, X9.62), for P-256: 32-byte big-endian r and s on the byte side.
enum ECDSASignatureEncoding {
    /// SEQUENCE { r, s } with each value as a minimal positive INTEGER.
    static func der(r: [UInt8], s: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { sequence in
            sequence.appendPrimitive(.integer, minimalPositiveInteger(r))
            sequence.appendPrimitive(.integer, minimalPositiveInteger(s))
        }
        return serializer.serializedBytes
    }

    /// r and s, each left-padded to 32 bytes. Strict DER: definite minimal lengths, minimal
    /// non-negative INTEGERs of at most 33 content bytes whose value fits in 32 bytes, exactly two
    /// of them, nothing after the SEQUENCE. Anything else is `.invalidSignatureEncoding`. Whether
    /// r and s lie in [1, n-1] is the curve code's check.
    static func parseDER(_ der: some Collection<UInt8>) throws(CryptoKitError) -> (r: [UInt8], s: [UInt8]) {
        try parsingDER(der, malformed: .invalidSignatureEncoding) { root in
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let rNode = nodes.next(), let sNode = nodes.next() else {
                    throw CryptoKitError.invalidSignatureEncoding
                }
                return (try scalar(rNode), try scalar(sNode))
            }
        }
    }

    /// The content octets of INTEGER `value` (big-endian, unsigned): leading zeros removed, one
    /// zero added back when the top bit is set, and a single zero for the value zero.
    static func minimalPositiveInteger(_ value: [UInt8]) -> [UInt8] {
        var digits = value.drop { $0 == 0 }
        if digits.isEmpty { digits = [0] }
        if digits.first! & 0x80 != 0 { return [0] + digits }
        return Array(digits)
    }

    private static func scalar(_ node: ASN1Node) throws -> [UInt8] {
        guard node.identifier == .integer, case .primitive(let content) = node.content,
              let first = content.first, content.count <= 33
        else { throw CryptoKitError.invalidSignatureEncoding }
        // Negative values have the top bit set (X.690 §8.3.3).
        guard first & 0x80 == 0 else { throw CryptoKitError.invalidSignatureEncoding }
        // X.690 §8.3.2: a leading zero octet is allowed only before an octet with its top bit set.
        if content.count > 1, first == 0, content[content.startIndex + 1] & 0x80 == 0 {
            throw CryptoKitError.invalidSignatureEncoding
        }
        let magnitude = first == 0 && content.count > 1 ? content.dropFirst() : content
        guard magnitude.count <= 32 else { throw CryptoKitError.invalidSignatureEncoding }
        return [UInt8](repeating: 0, count: 32 - magnitude.count) + magnitude
    }
}
