/// CRC-32 as used by STUN's FINGERPRINT (RFC 8489 §14.7, which points at ITU-T V.42 / ISO 3309):
/// reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. Table-driven over public
/// data (a datagram's bytes), so a table lookup leaks nothing secret.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// Continues a running CRC (start from `0xFFFFFFFF`, finish by XOR with `0xFFFFFFFF`).
    @inline(__always)
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc
    }

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0xFFFF_FFFF, bytes) ^ 0xFFFF_FFFF
    }
}
