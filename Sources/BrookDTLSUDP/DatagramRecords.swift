/// What the loop reads of a datagram's first record header before any connection exists
/// (RFC 6347 §4.1: type, version, epoch, 48-bit sequence number, 16-bit length).
enum DatagramRecords {
    static let headerLength = 13

    /// True when the datagram starts with an epoch-0 handshake record holding a ClientHello
    /// fragment (content type 22, handshake type 1): the only thing that may create server state
    /// when the cookie exchange is off.
    static func startsWithClientHello(_ datagram: [UInt8]) -> Bool {
        datagram.count > headerLength && datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 0
            && datagram[headerLength] == 1
    }
}
