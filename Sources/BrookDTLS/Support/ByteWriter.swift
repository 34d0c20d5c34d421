// Big-endian writers for the TLS presentation language (RFC 5246 §4).

extension Array where Element == UInt8 {
    /// An array built by `body` in a buffer allocated once with room for `capacity` bytes (the
    /// message encoders know their sizes, so none of them grows an array append by append).
    static func encoded(capacity: Int, _ body: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        body(&out)
        return out
    }

    mutating func append(u16 value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func append(u24 value: Int) {
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func append(u64 value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends a vector: a `lengthWidth`-byte length, then whatever `body` writes.
    mutating func appendVector(lengthWidth: Int, _ body: (inout [UInt8]) -> Void) {
        let start = count
        append(contentsOf: repeatElement(0, count: lengthWidth))
        body(&self)
        var length = count - start - lengthWidth
        for i in stride(from: start + lengthWidth - 1, through: start, by: -1) {
            self[i] = UInt8(truncatingIfNeeded: length)
            length >>= 8
        }
    }
}

extension UnsafeMutableRawBufferPointer {
    /// Stores `value` big-endian at `offset` (bounds-checked like any subscript).
    func storeBigEndian(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Stores the low 24 bits of `value` big-endian at `offset`.
    func storeBigEndian24(_ value: Int, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 16)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 2] = UInt8(truncatingIfNeeded: value)
    }
}
