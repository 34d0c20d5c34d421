/// Record content types (RFC 5246 §6.2.1).
enum ContentType: UInt8 {
    case changeCipherSpec = 20
    case alert = 21
    case handshake = 22
    case applicationData = 23
}

/// Protocol versions on the wire (RFC 6347 §4.1: DTLS 1.0 is {254, 255}, DTLS 1.2 is {254, 253}).
enum ProtocolVersion {
    static let dtls10: UInt16 = 0xFEFF
    static let dtls12: UInt16 = 0xFEFD
}

/// The 13-byte DTLS record header (RFC 6347 §4.1): type, version, epoch, 48-bit sequence number, length.
struct RecordHeader: Equatable {
    static let byteCount = 13
    /// RFC 6347 §4.1 / RFC 5246 §6.2.3: a protected fragment is at most 2^14 + 2048 bytes.
    static let maximumFragmentLength = (1 << 14) + 2048
    static let maximumSequenceNumber: UInt64 = (1 << 48) - 1

    var contentType: UInt8
    var version: UInt16
    var epoch: UInt16
    var sequenceNumber: UInt64
    var length: Int

    /// The 64-bit `seq_num` of the AEAD additional data and GCM nonce: epoch ‖ sequence (RFC 6347 §4.1).
    var epochAndSequence: UInt64 { UInt64(epoch) << 48 | sequenceNumber }

    func encode(into out: inout [UInt8]) {
        // Written on the stack and appended at once: one capacity check instead of thirteen.
        var scratch: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            bytes[0] = contentType
            bytes.storeBigEndian(version, at: 1)
            bytes.storeBigEndian(epoch, at: 3)
            for i in 0..<6 { bytes[5 + i] = UInt8(truncatingIfNeeded: sequenceNumber >> UInt64(40 - 8 * i)) }
            bytes.storeBigEndian(UInt16(truncatingIfNeeded: length), at: 11)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<Self.byteCount]))
        }
    }

    /// The records of a datagram, in order, read as they are iterated (nothing is allocated). A
    /// malformed tail ends the walk: RFC 6347 §4.1.2.7 says invalid records are silently
    /// discarded, and the rest of the datagram cannot be framed.
    static func records(in datagram: ArraySlice<UInt8>) -> Records { Records(reader: ByteReader(datagram)) }

    struct Records: Sequence, IteratorProtocol {
        fileprivate var reader: ByteReader

        mutating func next() -> (header: RecordHeader, fragment: ArraySlice<UInt8>)? {
            guard reader.remaining >= byteCount,
                  let type = try? reader.u8("record type"), let version = try? reader.u16("record version"),
                  let epoch = try? reader.u16("epoch"), let sequence = try? reader.u48("sequence"),
                  let length = try? reader.u16("record length"), Int(length) <= maximumFragmentLength,
                  let fragment = try? reader.bytes(Int(length), "record fragment")
            else {
                reader = ByteReader([])  // a malformed record ends the datagram
                return nil
            }
            return (RecordHeader(contentType: type, version: version, epoch: epoch, sequenceNumber: sequence,
                                 length: Int(length)), fragment)
        }
    }
}
