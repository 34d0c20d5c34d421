// Just enough of the DTLS 1.2 wire format (RFC 6347 §4.1, §4.2.2) for the DTLS targets to judge
// what an endpoint sent and what an input held, written here rather than taken from BrookDTLS so
// the checks do not share the code they check.

/// One DTLS record as it sits in a datagram.
struct WireRecord: Equatable {
    var contentType: UInt8
    var version: UInt16
    var epoch: UInt16
    var sequence: UInt64
    /// The record's fragment (protected for epoch 1).
    var fragment: ArraySlice<UInt8>
    /// The whole record, header included.
    var bytes: ArraySlice<UInt8>

    static let headerLength = 13
    static let dtls12: UInt16 = 0xFEFD
    static let dtls10: UInt16 = 0xFEFF
    /// RFC 6347 §4.1 / RFC 5246 §6.2.3: 2^14 + 2048 bytes of protected fragment at most.
    static let maximumFragmentLength = (1 << 14) + 2048

    enum ContentType {
        static let changeCipherSpec: UInt8 = 20
        static let alert: UInt8 = 21
        static let handshake: UInt8 = 22
        static let applicationData: UInt8 = 23
    }

    enum HandshakeType {
        static let clientHello: UInt8 = 1
        static let serverHello: UInt8 = 2
        static let helloVerifyRequest: UInt8 = 3
    }

    /// The records of `datagram`, walking headers until one does not fit (a receiver discards the
    /// rest, RFC 6347 §4.1.2.7), and how many bytes were left over.
    static func split(_ datagram: [UInt8]) -> (records: [WireRecord], leftover: Int) {
        var records: [WireRecord] = []
        var offset = 0
        while datagram.count - offset >= headerLength {
            let length = Int(datagram[offset + 11]) << 8 | Int(datagram[offset + 12])
            guard length <= maximumFragmentLength, offset + headerLength + length <= datagram.count else { break }
            var sequence: UInt64 = 0
            for index in 5..<11 { sequence = sequence << 8 | UInt64(datagram[offset + index]) }
            let end = offset + headerLength + length
            records.append(WireRecord(
                contentType: datagram[offset],
                version: UInt16(datagram[offset + 1]) << 8 | UInt16(datagram[offset + 2]),
                epoch: UInt16(datagram[offset + 3]) << 8 | UInt16(datagram[offset + 4]),
                sequence: sequence,
                fragment: datagram[(offset + headerLength)..<end],
                bytes: datagram[offset..<end]))
            offset = end
        }
        return (records, datagram.count - offset)
    }

    /// The handshake message type of an epoch-0 handshake record's first fragment.
    var firstHandshakeType: UInt8? {
        guard contentType == ContentType.handshake, epoch == 0, let first = fragment.first else { return nil }
        return first
    }
}
