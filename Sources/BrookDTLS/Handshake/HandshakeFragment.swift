/// Handshake message types (RFC 5246 §7.4, RFC 6347 §4.3.2).
enum HandshakeType: UInt8, CustomStringConvertible {
    case helloRequest = 0
    case clientHello = 1
    case serverHello = 2
    case helloVerifyRequest = 3
    case newSessionTicket = 4
    case certificate = 11
    case serverKeyExchange = 12
    case certificateRequest = 13
    case serverHelloDone = 14
    case certificateVerify = 15
    case clientKeyExchange = 16
    case finished = 20

    /// The RFC name. (Interpolating `self` here would call this property again, forever.)
    var description: String {
        switch self {
        case .helloRequest: "HelloRequest"
        case .clientHello: "ClientHello"
        case .serverHello: "ServerHello"
        case .helloVerifyRequest: "HelloVerifyRequest"
        case .newSessionTicket: "NewSessionTicket"
        case .certificate: "Certificate"
        case .serverKeyExchange: "ServerKeyExchange"
        case .certificateRequest: "CertificateRequest"
        case .serverHelloDone: "ServerHelloDone"
        case .certificateVerify: "CertificateVerify"
        case .clientKeyExchange: "ClientKeyExchange"
        case .finished: "Finished"
        }
    }
}

/// One handshake fragment: the 12-byte DTLS handshake header (RFC 6347 §4.2.2) and its bytes.
struct HandshakeFragment {
    static let headerLength = 12

    var type: UInt8
    /// The whole message's body length.
    var length: Int
    var messageSequence: UInt16
    var offset: Int
    var body: ArraySlice<UInt8>

    /// The fragments in a handshake record's plaintext, once all of them are known to frame (the
    /// record is taken or refused whole); they are read again as they are iterated, so nothing is
    /// allocated.
    static func fragments(in bytes: ArraySlice<UInt8>) throws(DTLSError) -> Fragments {
        var check = ByteReader(bytes)
        while !check.isEmpty { _ = try read(from: &check) }
        return Fragments(reader: ByteReader(bytes))
    }

    struct Fragments: Sequence, IteratorProtocol {
        fileprivate var reader: ByteReader

        mutating func next() -> HandshakeFragment? {
            reader.isEmpty ? nil : try? HandshakeFragment.read(from: &reader)
        }
    }

    private static func read(from reader: inout ByteReader) throws(DTLSError) -> HandshakeFragment {
        let type = try reader.u8("handshake type")
        let length = try reader.u24("handshake length")
        let sequence = try reader.u16("message_seq")
        let offset = try reader.u24("fragment_offset")
        let fragmentLength = try reader.u24("fragment_length")
        guard offset + fragmentLength <= length else {
            throw .decodeError("handshake fragment \(offset)+\(fragmentLength) beyond length \(length)")
        }
        let body = try reader.bytes(fragmentLength, "handshake fragment")
        return HandshakeFragment(type: type, length: length, messageSequence: sequence, offset: offset, body: body)
    }

    func encode(into out: inout [UInt8]) {
        Self.appendHeader(type: type, length: length, sequence: messageSequence, offset: offset,
                          fragmentLength: body.count, to: &out)
        out.append(contentsOf: body)
    }

    /// The 12-byte handshake header (RFC 6347 §4.2.2), written on the stack and appended at once.
    static func appendHeader(type: UInt8, length: Int, sequence: UInt16, offset: Int, fragmentLength: Int,
                             to out: inout [UInt8]) {
        var scratch: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            bytes[0] = type
            bytes.storeBigEndian24(length, at: 1)
            bytes.storeBigEndian(sequence, at: 4)
            bytes.storeBigEndian24(offset, at: 6)
            bytes.storeBigEndian24(fragmentLength, at: 9)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<headerLength]))
        }
    }

    /// Appends the message as the transcript sees it, one unfragmented piece (RFC 6347 §4.2.6), to `out`.
    static func appendTranscriptBytes(type: UInt8, sequence: UInt16, body: some Collection<UInt8>, to out: inout [UInt8]) {
        appendHeader(type: type, length: body.count, sequence: sequence, offset: 0, fragmentLength: body.count, to: &out)
        out.append(contentsOf: body)
    }
}
