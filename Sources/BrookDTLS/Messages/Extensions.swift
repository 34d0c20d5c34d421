/// Hello extensions (RFC 5246 §7.4.1.4). Unknown extensions are kept as raw bytes and ignored;
/// a repeated extension type is a decode error.
enum ExtensionType {
    static let supportedGroups: UInt16 = 10       // RFC 8422 §5.1.1
    static let ecPointFormats: UInt16 = 11        // RFC 8422 §5.1.2
    static let signatureAlgorithms: UInt16 = 13   // RFC 5246 §7.4.1.4.1
    static let useSRTP: UInt16 = 14               // RFC 5764 §4.1.1
    static let extendedMasterSecret: UInt16 = 23  // RFC 7627 §5.1
    static let renegotiationInfo: UInt16 = 0xFF01 // RFC 5746 §3.2
    static let supportedVersions: UInt16 = 43     // RFC 8446 §4.2.1 (DTLS 1.3 clients send it)
}

/// ecdsa_secp256r1_sha256 (RFC 5246 §7.4.1.4.1: hash sha256(4), signature ecdsa(3)).
let ecdsaSecp256r1SHA256: UInt16 = 0x0403

struct HelloExtensions {
    private(set) var entries: [(type: UInt16, data: ArraySlice<UInt8>)] = []

    /// An empty block with room for `capacity` extensions (a hello adds up to six).
    init(capacity: Int = 0) { entries.reserveCapacity(capacity) }

    /// Parses the optional extensions block that ends a hello (empty input: no extensions).
    init(parsing reader: inout ByteReader) throws(DTLSError) {
        guard !reader.isEmpty else { return }
        var block = ByteReader(try reader.vector(lengthWidth: 2, 0...0xFFFF, "extensions"))
        // A hello has a dozen or two extensions: those are checked for repeats by a scan; a
        // hostile one with thousands gets a set, so the check never turns quadratic.
        var seen: Set<UInt16>?
        entries.reserveCapacity(min(block.remaining / 4, Self.scanLimit))
        while !block.isEmpty {
            let type = try block.u16("extension type")
            let data = try block.vector(lengthWidth: 2, 0...0xFFFF, "extension data")
            let repeated = if seen != nil { !seen!.insert(type).inserted } else { entries.contains { $0.type == type } }
            guard !repeated else { throw .decodeError("extension \(type) repeated") }
            entries.append((type, data))
            if seen == nil, entries.count == Self.scanLimit { seen = Set(entries.map(\.type)) }
        }
    }

    /// Up to this many extensions, repeats are found by scanning the list.
    private static let scanLimit = 32

    /// The size of `encode(into:)`'s output.
    var encodedByteCount: Int {
        entries.isEmpty ? 0 : entries.reduce(2) { $0 + 4 + $1.data.count }
    }

    subscript(type: UInt16) -> ArraySlice<UInt8>? { entries.first { $0.type == type }?.data }

    mutating func add(_ type: UInt16, _ data: [UInt8]) { entries.append((type, data[...])) }

    func encode(into out: inout [UInt8]) {
        guard !entries.isEmpty else { return }
        out.appendVector(lengthWidth: 2) { block in
            for entry in entries {
                block.append(u16: entry.type)
                block.appendVector(lengthWidth: 2) { $0.append(contentsOf: entry.data) }
            }
        }
    }

    // MARK: Typed views

    /// A list of 16-bit code points with a 2-byte length (supported_groups, signature_algorithms).
    static func u16List(_ data: ArraySlice<UInt8>, _ field: StaticString) throws(DTLSError) -> [UInt16] {
        var reader = ByteReader(data)
        var list = ByteReader(try reader.vector(lengthWidth: 2, 2...0xFFFE, field))
        try reader.expectEnd(field)
        guard list.remaining % 2 == 0 else { throw .decodeError("\(field): odd length") }
        var values: [UInt16] = []
        values.reserveCapacity(list.remaining / 2)
        while !list.isEmpty { values.append(try list.u16(field)) }
        return values
    }

    static func encodeU16List(_ values: [UInt16]) -> [UInt8] {
        .encoded(capacity: 2 + 2 * values.count) { appendU16List(values, to: &$0) }
    }

    /// Appends `values` as a list with a 2-byte length.
    static func appendU16List(_ values: [UInt16], to out: inout [UInt8]) {
        out.appendVector(lengthWidth: 2) { list in for value in values { list.append(u16: value) } }
    }

    /// UseSRTPData (RFC 5764 §4.1.1): profiles<2..2^16-1> and srtp_mki<0..255>.
    static func srtpProfiles(_ data: ArraySlice<UInt8>) throws(DTLSError) -> (profiles: [UInt16], mki: ArraySlice<UInt8>) {
        var reader = ByteReader(data)
        var list = ByteReader(try reader.vector(lengthWidth: 2, 2...0xFFFE, "use_srtp profiles"))
        let mki = try reader.vector(lengthWidth: 1, 0...255, "use_srtp mki")
        try reader.expectEnd("use_srtp")
        guard list.remaining % 2 == 0 else { throw .decodeError("use_srtp: odd profile list") }
        var profiles: [UInt16] = []
        profiles.reserveCapacity(list.remaining / 2)
        while !list.isEmpty { profiles.append(try list.u16("use_srtp profile")) }
        return (profiles, mki)
    }

    static func encodeSRTP(_ profiles: [SRTPProtectionProfile]) -> [UInt8] {
        .encoded(capacity: 2 + 2 * profiles.count + 1) { out in
            out.appendVector(lengthWidth: 2) { list in for profile in profiles { list.append(u16: profile.rawValue) } }
            out.append(0)  // empty srtp_mki
        }
    }

    /// ECPointFormatList (RFC 8422 §5.1.2): must contain uncompressed (0).
    static func pointFormatsIncludeUncompressed(_ data: ArraySlice<UInt8>) throws(DTLSError) -> Bool {
        var reader = ByteReader(data)
        let formats = try reader.vector(lengthWidth: 1, 1...255, "ec_point_formats")
        try reader.expectEnd("ec_point_formats")
        return formats.contains(0)
    }

    /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): a cipher suite value that stands for an
    /// empty renegotiation_info.
    static let emptyRenegotiationInfoSCSV: UInt16 = 0x00FF

    /// The ClientHello form of supported_versions (RFC 8446 §4.2.1): versions<2..254>.
    static func supportedVersions(_ data: ArraySlice<UInt8>) throws(DTLSError) -> [UInt16] {
        var reader = ByteReader(data)
        var list = ByteReader(try reader.vector(lengthWidth: 1, 2...254, "supported_versions"))
        try reader.expectEnd("supported_versions")
        guard list.remaining % 2 == 0 else { throw .decodeError("supported_versions: odd length") }
        var versions: [UInt16] = []
        versions.reserveCapacity(list.remaining / 2)
        while !list.isEmpty { versions.append(try list.u16("supported_versions")) }
        return versions
    }

    /// The initial handshake's renegotiation_info must carry an empty renegotiated_connection (RFC 5746 §3.4).
    static func isEmptyRenegotiationInfo(_ data: ArraySlice<UInt8>) -> Bool { data.elementsEqual([0]) }
}
