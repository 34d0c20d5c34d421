import SwiftASN1

// Helpers shared by the certificate parser: converting SwiftASN1's untyped errors into
// `X509Error`, the outer-length check that tells trailing bytes from truncation, and the
// strict INTEGER and BOOLEAN readers X.509 needs beyond SwiftASN1's.

/// Runs `body`; an `X509Error` thrown inside passes through, any other error (SwiftASN1's
/// malformed DER, unexpected tag, truncation) becomes `malformed`.
func parsingDER<T>(malformed: X509Error = .malformedDER, _ body: () throws -> T) throws(X509Error) -> T {
    do {
        return try body()
    } catch let error as X509Error {
        throw error
    } catch {
        throw malformed
    }
}

enum DERReading {
    /// The total length (header and content) of the DER element at the start of `bytes`, as its
    /// header states, or nil when the header itself is malformed or cut short. Lengths must be
    /// definite and minimally encoded (X.690 §10.1); at most four length octets are accepted.
    static func statedElementLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2, bytes[0] & 0x1F != 0x1F else { return nil }
        let first = bytes[1]
        if first < 0x80 { return 2 + Int(first) }
        let lengthOctets = Int(first & 0x7F)
        guard (1...4).contains(lengthOctets), bytes.count >= 2 + lengthOctets else { return nil }
        var length = 0
        for byte in bytes[2..<(2 + lengthOctets)] { length = length << 8 | Int(byte) }
        // Minimal: no leading zero octet, and the long form only for lengths of 128 or more.
        guard bytes[2] != 0, length >= 0x80 else { return nil }
        return 2 + lengthOctets + length
    }

    /// The content octets of a minimally encoded INTEGER node (X.690 §8.3.2).
    static func integerBytes(_ node: ASN1Node) throws(X509Error) -> ArraySlice<UInt8> {
        guard node.identifier == .integer, case .primitive(let content) = node.content,
              let first = content.first
        else { throw .malformedDER }
        if content.count > 1 {
            let second = content[content.startIndex + 1]
            guard !(first == 0x00 && second & 0x80 == 0), !(first == 0xFF && second & 0x80 != 0) else {
                throw .malformedDER
            }
        }
        return content
    }

    /// A DER BOOLEAN: one content octet, 0x00 or 0xFF (X.690 §11.1).
    static func boolean(_ node: ASN1Node) throws(X509Error) -> Bool {
        guard node.identifier == .boolean, case .primitive(let content) = node.content,
              content.count == 1, let value = content.first, value == 0x00 || value == 0xFF
        else { throw .malformedDER }
        return value == 0xFF
    }

    /// The bytes of a BIT STRING; `unusedBits` when its last octet is not fully used.
    static func octetAlignedBitString(_ node: ASN1Node, unusedBits: X509Error) throws(X509Error) -> ArraySlice<UInt8> {
        try parsingDER {
            let bits = try ASN1BitString(derEncoded: node)
            guard bits.paddingBits == 0 else { throw unusedBits }
            return bits.bytes
        }
    }

    /// The dotted form of an OBJECT IDENTIFIER node.
    static func objectIdentifier(_ node: ASN1Node) throws(X509Error) -> String {
        try parsingDER { try KnownObjectIdentifiers.dotted(node) }
    }

    /// A context-specific tag, constructed or primitive by the node's form.
    static func contextTag(_ number: UInt) -> ASN1Identifier {
        ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)
    }
}
