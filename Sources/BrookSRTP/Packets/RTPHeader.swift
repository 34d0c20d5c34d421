/// What SRTP needs from an RTP header (RFC 3550 §5.1): its length, including CSRCs and any header
/// extension (RFC 3550 §5.3.1, RFC 8285 one- and two-byte forms alike, which SRTP authenticates
/// and leaves in the clear), the sequence number and the SSRC.
struct RTPHeader {
    /// Fixed header length (RFC 3550 §5.1).
    static let fixedLength = 12

    let length: Int
    let sequenceNumber: UInt16
    let ssrc: UInt32

    /// Parses the header at the start of `packet`, of which only the first `available` bytes
    /// may hold header (the rest is the tag). Reads nothing beyond what it has checked.
    /// - Throws: `.packetTooShort` (with `minimum` counting `trailer`, the bytes that must follow
    ///   `available`), `.unsupportedVersion`.
    @inline(__always)
    init(parsing packet: UnsafeRawPointer, available: Int, trailer: Int) throws(SRTPError) {
        guard available >= Self.fixedLength else {
            throw .packetTooShort(length: max(available, 0) &+ trailer, minimum: Self.fixedLength &+ trailer)
        }
        let first = packet.load(as: UInt8.self)
        let version = first >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        var length = Self.fixedLength &+ 4 &* Int(first & 0x0F)        // CSRC list
        if first & 0x10 != 0 {                                            // X: extension header
            guard available >= length &+ 4 else { throw .packetTooShort(length: available &+ trailer, minimum: length &+ 4 &+ trailer) }
            length &+= 4 &+ 4 &* Int(loadBigEndian16(packet, length &+ 2))
        }
        guard available >= length else { throw .packetTooShort(length: available &+ trailer, minimum: length &+ trailer) }
        self.length = length
        sequenceNumber = loadBigEndian16(packet, 2)
        ssrc = loadBigEndian32(packet, 8)
    }
}

/// What SRTCP needs from the first RTCP packet of a compound packet (RFC 3550 §6.4.1): the
/// version and the sender's SSRC. The first 8 bytes stay in the clear (RFC 3711 §3.4).
struct RTCPHeader {
    /// Bytes left unencrypted: V/P/RC, PT, length, SSRC.
    static let clearLength = 8

    let ssrc: UInt32

    /// - Throws: `.packetTooShort`, `.unsupportedVersion`.
    @inline(__always)
    init(parsing packet: UnsafeRawPointer, available: Int, trailer: Int) throws(SRTPError) {
        guard available >= Self.clearLength else {
            throw .packetTooShort(length: max(available, 0) &+ trailer, minimum: Self.clearLength &+ trailer)
        }
        let version = packet.load(as: UInt8.self) >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        ssrc = loadBigEndian32(packet, 4)
    }
}
