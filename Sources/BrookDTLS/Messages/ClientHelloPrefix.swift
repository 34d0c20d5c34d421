/// The fields that open a ClientHello body (RFC 5246 §7.4.1.2 with the cookie of RFC 6347 §4.2.1):
/// client_version, random, session_id<0..32> and cookie<0..2^8-1>.
///
/// They come first, so the first fragment of a fragmented ClientHello (fragment_offset 0) holds
/// them whenever it carries at least 2 + 32 + 1 + 32 + 1 + 255 bytes — and in practice far less:
/// WebRTC stacks send empty session ids and 32-byte cookies, and fragment at 1,000 bytes or more.
/// That lets a server check a cookie, or answer with a HelloVerifyRequest, from one datagram.
struct ClientHelloPrefix {
    var clientVersion: UInt16
    var random: ArraySlice<UInt8>
    var sessionID: ArraySlice<UInt8>
    var cookie: ArraySlice<UInt8>

    /// Reads the prefix from the start of a ClientHello body; nil when `bytes` ends before the
    /// cookie does or a length is out of range.
    init?(_ bytes: ArraySlice<UInt8>) {
        var reader = ByteReader(bytes)
        guard let version = try? reader.u16("client_version"),
              let random = try? reader.bytes(32, "client random"),
              let sessionID = try? reader.vector(lengthWidth: 1, 0...32, "session_id"),
              let cookie = try? reader.vector(lengthWidth: 1, 0...255, "cookie")
        else { return nil }
        clientVersion = version
        self.random = random
        self.sessionID = sessionID
        self.cookie = cookie
    }

    /// The first ClientHello fragment at offset 0 in a datagram's epoch-0 DTLS handshake records
    /// whose prefix reads, with the record header it came in; nil when there is none.
    static func first(in datagram: [UInt8]) -> (record: RecordHeader, fragment: HandshakeFragment, prefix: ClientHelloPrefix)? {
        for (header, fragment) in RecordHeader.records(in: datagram[...])
        where header.contentType == ContentType.handshake.rawValue && header.epoch == 0 && header.version >> 8 == 0xFE {
            guard let pieces = try? HandshakeFragment.fragments(in: fragment) else { continue }
            for piece in pieces where piece.type == HandshakeType.clientHello.rawValue && piece.offset == 0 {
                if let prefix = ClientHelloPrefix(piece.body) { return (header, piece, prefix) }
            }
        }
        return nil
    }

    init(_ hello: ClientHello) {
        clientVersion = hello.clientVersion
        random = hello.random[...]
        sessionID = hello.sessionID[...]
        cookie = hello.cookie[...]
    }
}

extension HelloVerifyRequest {
    /// The HelloVerifyRequest as a whole datagram: one epoch-0 record holding one unfragmented
    /// message. RFC 6347 §4.2.1: it echoes the ClientHello's message_seq, and its record sequence
    /// number is the ClientHello record's, so the server keeps no sequence state of its own.
    func datagram(messageSequence: UInt16, recordSequence: UInt64) -> [UInt8] {
        let body = encode()
        var datagram: [UInt8] = []
        datagram.reserveCapacity(RecordHeader.byteCount + HandshakeFragment.headerLength + body.count)
        RecordHeader(contentType: ContentType.handshake.rawValue, version: ProtocolVersion.dtls12, epoch: 0,
                     sequenceNumber: recordSequence, length: HandshakeFragment.headerLength + body.count)
            .encode(into: &datagram)
        HandshakeFragment(type: HandshakeType.helloVerifyRequest.rawValue, length: body.count,
                          messageSequence: messageSequence, offset: 0, body: body[...]).encode(into: &datagram)
        return datagram
    }
}
