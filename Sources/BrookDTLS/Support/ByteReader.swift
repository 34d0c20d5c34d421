// A bounds-checked reader over untrusted bytes: every read checks the remaining length first and
// throws `DTLSError.decodeError` naming the field, so hostile input never traps.

struct ByteReader {
    /// The bytes being read; `cursor` is the index of the next unread one. Reads move the cursor
    /// only, so reading an integer neither copies nor re-slices (no reference counting).
    private let bytes: ArraySlice<UInt8>
    private var cursor: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        cursor = bytes.startIndex
    }

    init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    /// Reads any collection of bytes: an array or array slice in place, anything else from a copy.
    init(_ bytes: some Collection<UInt8>) {
        if let slice = bytes as? ArraySlice<UInt8> {
            self.init(slice)
        } else if let array = bytes as? [UInt8] {
            self.init(array[...])
        } else {
            self.init(Array(bytes)[...])
        }
    }

    var isEmpty: Bool { cursor == bytes.endIndex }
    var remaining: Int { bytes.endIndex - cursor }

    mutating func u8(_ field: StaticString) throws(DTLSError) -> UInt8 {
        guard cursor < bytes.endIndex else { throw .decodeError("\(field): truncated") }
        defer { cursor += 1 }
        return bytes[cursor]
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
        guard width <= 8, remaining >= width else { throw .decodeError("\(field): truncated") }
        var value: UInt64 = 0
        for index in cursor..<(cursor + width) { value = value << 8 | UInt64(bytes[index]) }
        cursor += width
        return value
    }

    mutating func bytes(_ count: Int, _ field: StaticString) throws(DTLSError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw .decodeError("\(field): truncated") }
        defer { cursor += count }
        return bytes[cursor..<(cursor + count)]
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
        guard isEmpty else { throw .decodeError("\(field): \(remaining) trailing bytes") }
    }
}
