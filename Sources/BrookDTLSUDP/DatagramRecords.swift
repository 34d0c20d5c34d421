/// Splits a datagram into its DTLS records by their headers (RFC 6347 §4.1: type, version, epoch,
/// 48-bit sequence number, 16-bit length; a datagram may carry several records). Bytes that do not
/// form a whole record are returned as a last piece, for the connection to judge.
enum DatagramRecords {
    static let headerLength = 13

    static func split(_ datagram: [UInt8]) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var offset = 0
        while datagram.count - offset >= headerLength {
            let length = Int(datagram[offset + 11]) << 8 | Int(datagram[offset + 12])
            let end = offset + headerLength + length
            guard end <= datagram.count else { break }
            pieces.append(datagram[offset..<end])
            offset = end
        }
        if offset < datagram.count { pieces.append(datagram[offset...]) }
        return pieces
    }

    /// True when the datagram starts with an epoch-0 handshake record holding a ClientHello
    /// fragment (content type 22, handshake type 1): the only thing that may create server state
    /// when the cookie exchange is off.
    static func startsWithClientHello(_ datagram: [UInt8]) -> Bool {
        datagram.count > headerLength && datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 0
            && datagram[headerLength] == 1
    }
}
