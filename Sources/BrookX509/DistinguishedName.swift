import SwiftASN1

/// An X.501 Name (RFC 5280 §4.1.2.4): a sequence of relative distinguished names, each a
/// non-empty set of attribute type-and-value pairs. The exact DER is kept, as names are compared
/// by their encoding.
public struct DistinguishedName: Hashable, Sendable {
    /// One AttributeTypeAndValue.
    public struct Attribute: Hashable, Sendable {
        /// The attribute type's object identifier in dotted form (2.5.4.3 is commonName).
        public let type: String
        /// The value's DER, a slice of the certificate's bytes.
        let valueBytes: ArraySlice<UInt8>
        /// The value as text when it is one of the DirectoryString forms (UTF8String,
        /// PrintableString, IA5String, TeletexString read as Latin-1, BMPString, UniversalString).
        public let stringValue: String?

        /// The DER encoding of the value (tag, length, content).
        public var valueDER: [UInt8] { Array(valueBytes) }
    }

    /// id-at-commonName (RFC 5280 Appendix A).
    public static let commonNameType = "2.5.4.3"

    /// The relative distinguished names, most general first.
    public let relativeDistinguishedNames: [[Attribute]]
    /// The Name's DER, a slice of the certificate's bytes.
    let encodedBytes: ArraySlice<UInt8>

    /// The exact DER encoding of the Name.
    public var derEncoded: [UInt8] { Array(encodedBytes) }

    /// The last (most specific) common name, when there is one and it is text.
    public var commonName: String? {
        relativeDistinguishedNames.reversed().lazy.flatMap { $0 }
            .first { $0.type == DistinguishedName.commonNameType }?.stringValue
    }

    /// Reads a Name. Each RDN must be non-empty with its members in DER SET OF order; a
    /// commonName must be a valid DirectoryString.
    init(_ node: ASN1Node) throws(X509Error) {
        var names: [[Attribute]] = []
        try parsingDER(malformed: .invalidName) {
            try DER.sequence(node, identifier: .sequence) { rdns in
                while let rdn = rdns.next() {
                    names.append(try DistinguishedName.relativeName(rdn))
                }
            }
        }
        relativeDistinguishedNames = names
        encodedBytes = node.encodedBytes
    }

    /// A Name holding a single RDN with a single UTF8String commonName.
    init(commonName: String) {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { name in
            name.appendConstructedNode(identifier: .set) { rdn in
                rdn.appendConstructedNode(identifier: .sequence) { attribute in
                    attribute.appendPrimitiveNode(identifier: .objectIdentifier) { $0.append(contentsOf: [0x55, 0x04, 0x03]) }
                    attribute.appendPrimitiveNode(identifier: .utf8String) { $0.append(contentsOf: commonName.utf8) }
                }
            }
        }
        encodedBytes = serializer.serializedBytes[...]
        var valueSerializer = DER.Serializer()
        valueSerializer.appendPrimitiveNode(identifier: .utf8String) { $0.append(contentsOf: commonName.utf8) }
        relativeDistinguishedNames = [[Attribute(type: DistinguishedName.commonNameType,
                                                 valueBytes: valueSerializer.serializedBytes[...],
                                                 stringValue: commonName)]]
    }

    private static func relativeName(_ node: ASN1Node) throws -> [Attribute] {
        guard node.identifier == .set, case .constructed(let members) = node.content else {
            throw X509Error.invalidName
        }
        var attributes: [Attribute] = []
        var previousEncoding: ArraySlice<UInt8>?
        for member in members {
            // X.690 §11.6: SET OF members sorted by their encodings, shorter padded with zeros.
            if let previousEncoding, isOrderedAfter(previousEncoding, member.encodedBytes) {
                throw X509Error.invalidName
            }
            previousEncoding = member.encodedBytes
            attributes.append(try attribute(member))
        }
        guard !attributes.isEmpty else { throw X509Error.invalidName }
        return attributes
    }

    private static func attribute(_ node: ASN1Node) throws -> Attribute {
        try DER.sequence(node, identifier: .sequence) { fields in
            guard let typeNode = fields.next(), let valueNode = fields.next() else { throw X509Error.invalidName }
            let type = try KnownObjectIdentifiers.dotted(typeNode)
            let text = try directoryString(valueNode)
            if type == commonNameType, text == nil { throw X509Error.invalidName }
            return Attribute(type: type, valueBytes: valueNode.encodedBytes, stringValue: text)
        }
    }

    /// The text of a DirectoryString-like value; nil for other types, `.invalidName` when the
    /// bytes are not valid for the string type.
    private static func directoryString(_ node: ASN1Node) throws -> String? {
        guard case .primitive(let content) = node.content else { return nil }
        switch node.identifier {
        case .utf8String:
            // ASCII (every WebRTC common name) is valid UTF-8 as it stands: no validating decoder.
            if content.allSatisfy({ $0 < 0x80 }) { return String(decoding: content, as: UTF8.self) }
            return try valid(String(validating: content, as: UTF8.self))
        case .printableString:
            guard content.allSatisfy(isPrintableStringCharacter) else { throw X509Error.invalidName }
            return String(decoding: content, as: UTF8.self)
        case .ia5String:
            guard content.allSatisfy({ $0 < 0x80 }) else { throw X509Error.invalidName }
            return String(decoding: content, as: UTF8.self)
        case .teletexString:
            return String(String.UnicodeScalarView(content.map { Unicode.Scalar($0) }))
        case .bmpString:
            guard content.count % 2 == 0 else { throw X509Error.invalidName }
            let units = stride(from: content.startIndex, to: content.endIndex, by: 2).map {
                UInt16(content[$0]) << 8 | UInt16(content[$0 + 1])
            }
            return try valid(String(validating: units, as: UTF16.self))
        case .universalString:
            guard content.count % 4 == 0 else { throw X509Error.invalidName }
            var scalars = String.UnicodeScalarView()
            for offset in stride(from: content.startIndex, to: content.endIndex, by: 4) {
                let value = content[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard let scalar = Unicode.Scalar(value) else { throw X509Error.invalidName }
                scalars.append(scalar)
            }
            return String(scalars)
        default:
            return nil
        }
    }

    private static func valid(_ text: String?) throws -> String {
        guard let text else { throw X509Error.invalidName }
        return text
    }

    /// X.680 §41.4 PrintableString: letters, digits, space and ' ( ) + , - . / : = ?
    private static func isPrintableStringCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array(" '()+,-./:=?".utf8).contains(byte)
        }
    }

    /// True when `a` sorts after `b` under X.690 §11.6 (the shorter padded with trailing zeros).
    private static func isOrderedAfter(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[a.startIndex + index] : 0
            let y = index < b.count ? b[b.startIndex + index] : 0
            if x != y { return x > y }
        }
        return false
    }
}
