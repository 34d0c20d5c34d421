// A bounds-checked reader over untrusted bytes: every read checks the remaining length first and
// throws `DTLSError.decodeError` naming the field, so hostile input never traps.

struct ByteReader {
    private(set) var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    var isEmpty: Bool { bytes.isEmpty }
    var remaining: Int { bytes.count }

    mutating func u8(_ field: StaticString) throws(DTLSError) -> UInt8 {
        guard let byte = bytes.first else { throw .decodeError("\(field): truncated") }
        bytes = bytes.dropFirst()
        return byte
    }

    mutating func u16(_ field: StaticString) throws(DTLSError) -> UInt16 {
        UInt16(truncatingIfNeeded: try uint(2, field))
    }

    mutating func u24(_ field: StaticString) throws(DTLSError) -> Int {
        Int(try uint(3, field))
    }

    mutating func u48(_ field: StaticString) throws(DTLSError) -> UInt64 {
        try uint(6, field)
    }

    /// A big-endian unsigned integer of `width` bytes (at most 8).
    mutating func uint(_ width: Int, _ field: StaticString) throws(DTLSError) -> UInt64 {
        guard bytes.count >= width else { throw .decodeError("\(field): truncated") }
        var value: UInt64 = 0
        for byte in bytes.prefix(width) { value = value << 8 | UInt64(byte) }
        bytes = bytes.dropFirst(width)
        return value
    }

    mutating func bytes(_ count: Int, _ field: StaticString) throws(DTLSError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count >= count else { throw .decodeError("\(field): truncated") }
        let out = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return out
    }

    /// A vector with a `lengthWidth`-byte length prefix whose length lies in `range` (RFC 5246 §4.3).
    mutating func vector(
        lengthWidth: Int, _ range: ClosedRange<Int>, _ field: StaticString
    ) throws(DTLSError) -> ArraySlice<UInt8> {
        let count = Int(try uint(lengthWidth, field))
        guard range.contains(count) else { throw .decodeError("\(field): length \(count) outside \(range)") }
        return try bytes(count, field)
    }

    /// Throws unless every byte has been consumed.
    func expectEnd(_ field: StaticString) throws(DTLSError) {
        guard bytes.isEmpty else { throw .decodeError("\(field): \(bytes.count) trailing bytes") }
    }
}
