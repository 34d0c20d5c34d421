import BrookCrypto
import BrookTestSupport

/// Builds certificates field by field from raw DER, so tests can swap any one field for a
/// malformed or unusual encoding. The defaults make a valid v3 self-signed P-256 certificate.
struct CertificateParts {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        var header: [UInt8] = [tag]
        if count < 0x80 {
            header.append(UInt8(count))
        } else {
            let lengthBytes = withUnsafeBytes(of: UInt32(count).bigEndian, Array.init).drop { $0 == 0 }
            header.append(0x80 | UInt8(lengthBytes.count))
            header += lengthBytes
        }
        return header + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }
    static func oid(_ content: [UInt8]) -> [UInt8] { tlv(0x06, content) }

    static let ecdsaWithSHA256OID = oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02])
    static let ecdsaWithSHA384OID = oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03])
    static let commonNameOID = oid([0x55, 0x04, 0x03])
    static let ecdsaWithSHA256 = sequence(ecdsaWithSHA256OID)

    /// Name ::= SEQUENCE OF SET OF { type, value } with one attribute per RDN.
    static func name(_ attributes: [(type: [UInt8], value: [UInt8])]) -> [UInt8] {
        tlv(0x30, attributes.flatMap { tlv(0x31, sequence($0.type, $0.value)) })
    }

    static func commonName(_ text: String, tag: UInt8 = 0x0C) -> [UInt8] {
        name([(commonNameOID, tlv(tag, Array(text.utf8)))])
    }

    static func utcTime(_ text: String) -> [UInt8] { tlv(0x17, Array(text.utf8)) }

    /// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }.
    static func extensionField(_ oidContent: [UInt8], critical: UInt8? = nil, value: [UInt8] = [0x05, 0x00]) -> [UInt8] {
        sequence(oid(oidContent), critical.map { tlv(0x01, [$0]) } ?? [], tlv(0x04, value))
    }

    /// [3] EXPLICIT Extensions.
    static func extensions(_ fields: [UInt8]...) -> [UInt8] {
        tlv(0xA3, tlv(0x30, fields.flatMap { $0 }))
    }

    let key: P256.Signing.PrivateKey
    var version: [UInt8] = tlv(0xA0, tlv(0x02, [2]))
    var serial: [UInt8] = tlv(0x02, [0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07])
    var innerAlgorithm = ecdsaWithSHA256
    var issuer = commonName("x")
    var validity = sequence(utcTime("260101000000Z"), utcTime("270101000000Z"))
    var subject = commonName("x")
    var subjectPublicKeyInfo: [UInt8]
    /// Unique identifiers and extensions, as encoded after the key.
    var tail: [UInt8] = []
    var outerAlgorithm = ecdsaWithSHA256
    /// The signatureValue BIT STRING; nil means sign the TBS bytes with `key`.
    var signatureValue: [UInt8]?

    init(seed: UInt64 = 7) {
        var rng = SeededGenerator(seed: seed)
        key = P256.Signing.PrivateKey(using: &rng)
        subjectPublicKeyInfo = key.publicKey.derRepresentation
    }

    var tbs: [UInt8] {
        CertificateParts.sequence(version, serial, innerAlgorithm, issuer, validity, subject, subjectPublicKeyInfo, tail)
    }

    var der: [UInt8] {
        let tbs = self.tbs
        let signature = signatureValue
            ?? CertificateParts.tlv(0x03, [0] + (try! key.signature(for: tbs)).derRepresentation)
        return CertificateParts.sequence(tbs, outerAlgorithm, signature)
    }
}
