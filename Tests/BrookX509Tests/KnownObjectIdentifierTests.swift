@testable import BrookX509
import SwiftASN1
import Testing

/// The table of well-known object identifiers the parser matches by content octets: each entry's
/// octets must be exactly what swift-asn1 reads as its dotted form, and an identifier outside the
/// table must still come out right (formatted by swift-asn1).
@Suite struct KnownObjectIdentifierTests {
    static func node(content: [UInt8]) throws -> ASN1Node {
        try DER.parse([0x06, UInt8(content.count)] + content)
    }

    @Test("every table entry's content octets decode, through swift-asn1, to its dotted form")
    func tableMatchesSwiftASN1() throws {
        #expect(KnownObjectIdentifiers.table.count >= 20)
        for entry in KnownObjectIdentifiers.table {
            let decoded = try ASN1ObjectIdentifier(derEncoded: try Self.node(content: entry.content))
            #expect(decoded.description == entry.dotted)
            #expect(try KnownObjectIdentifiers.dotted(try Self.node(content: entry.content)) == entry.dotted)
        }
        #expect(Set(KnownObjectIdentifiers.table.map(\.dotted)).count == KnownObjectIdentifiers.table.count)
    }

    @Test("identifiers outside the table, and malformed ones, behave as swift-asn1 makes them",
          arguments: [[0x2A, 0x03], [0x55, 0x04, 0x2A], [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05],
                      [0x88, 0x37, 0x03]])
    func outsideTheTable(content: [UInt8]) throws {
        let node = try Self.node(content: content)
        #expect(try KnownObjectIdentifiers.dotted(node) == ASN1ObjectIdentifier(derEncoded: node).description)
        #expect(!KnownObjectIdentifiers.table.contains { $0.content == content })
    }

    @Test("a non-minimal subidentifier (leading 0x80) is refused, never matched")
    func malformed() throws {
        let node = try Self.node(content: [0x55, 0x80, 0x04, 0x03])
        #expect(throws: (any Error).self) { try KnownObjectIdentifiers.dotted(node) }
    }
}
