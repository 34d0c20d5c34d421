@testable import BrookDTLS
import BrookSansIO

/// Building and rewriting plaintext (epoch 0) records, to play a hostile or spoofing peer.
enum Surgery {
    /// One record of `contentType` holding `payload` as it is (no protection).
    static func record(contentType: UInt8, payload: [UInt8], recordSequence: UInt64, epoch: UInt16 = 0,
                       version: UInt16 = ProtocolVersion.dtls12) -> [UInt8] {
        var datagram: [UInt8] = []
        RecordHeader(contentType: contentType, version: version, epoch: epoch, sequenceNumber: recordSequence,
                     length: payload.count).encode(into: &datagram)
        return datagram + payload
    }

    /// One plaintext handshake record holding one fragment.
    static func fragment(type: UInt8, length: Int, sequence: UInt16, offset: Int, body: [UInt8],
                         recordSequence: UInt64, version: UInt16 = ProtocolVersion.dtls12) -> [UInt8] {
        var plaintext: [UInt8] = []
        HandshakeFragment(type: type, length: length, messageSequence: sequence, offset: offset, body: body[...])
            .encode(into: &plaintext)
        return record(contentType: ContentType.handshake.rawValue, payload: plaintext, recordSequence: recordSequence,
                      version: version)
    }

    /// A whole message in one plaintext record.
    static func message(_ type: HandshakeType, sequence: UInt16, body: [UInt8], recordSequence: UInt64,
                        version: UInt16 = ProtocolVersion.dtls12) -> [UInt8] {
        fragment(type: type.rawValue, length: body.count, sequence: sequence, offset: 0, body: body,
                 recordSequence: recordSequence, version: version)
    }

    /// Every epoch-0 handshake fragment in `datagrams`.
    static func fragments(_ datagrams: [[UInt8]]) -> [HandshakeFragment] {
        datagrams.flatMap { datagram in
            RecordHeader.split(datagram: datagram[...])
                .filter { $0.header.contentType == ContentType.handshake.rawValue && $0.header.epoch == 0 }
                .flatMap { (try? HandshakeFragment.parseAll($0.fragment)) ?? [] }
        }
    }

    /// The whole epoch-0 handshake messages in `datagrams`, in message_seq order from `firstSequence`.
    static func messages(_ datagrams: [[UInt8]], firstSequence: UInt16) -> [Reassembler.Message] {
        var reassembler = Reassembler(maximumMessageLength: 1 << 16, maximumBufferedBytes: 1 << 17)
        reassembler.reset(nextSequence: firstSequence)
        for piece in fragments(datagrams) { _ = reassembler.add(piece) }
        var messages: [Reassembler.Message] = []
        while let message = reassembler.next() { messages.append(message) }
        return messages
    }

    /// `datagram` with the epoch-0 message of `type` replaced by `body`, as one whole fragment in the
    /// record that held its first fragment (other fragments of it are removed). Record sequence
    /// numbers are kept; other records pass through untouched.
    static func replacing(_ type: HandshakeType, with body: [UInt8], in datagram: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for (header, fragment) in RecordHeader.split(datagram: datagram[...]) {
            guard header.contentType == ContentType.handshake.rawValue, header.epoch == 0,
                  let pieces = try? HandshakeFragment.parseAll(fragment), pieces.contains(where: { $0.type == type.rawValue })
            else {
                header.encode(into: &out)
                out += fragment
                continue
            }
            var plaintext: [UInt8] = []
            for piece in pieces {
                if piece.type != type.rawValue {
                    piece.encode(into: &plaintext)
                } else if piece.offset == 0 {
                    HandshakeFragment(type: piece.type, length: body.count, messageSequence: piece.messageSequence,
                                      offset: 0, body: body[...]).encode(into: &plaintext)
                }
            }
            var rewritten = header
            rewritten.length = plaintext.count
            rewritten.encode(into: &out)
            out += plaintext
        }
        return out
    }

    /// The alert records (level, description) in `datagrams` that `reader` can read: plaintext
    /// ones always, epoch-1 ones when `reader` holds the keys (it is a copy, so nothing moves).
    static func alerts(in datagrams: [[UInt8]], readBy reader: RecordLayer<BrookCryptoProvider>? = nil) -> [[UInt8]] {
        var reader = reader
        var found: [[UInt8]] = []
        for datagram in datagrams {
            for (header, fragment) in RecordHeader.split(datagram: datagram[...])
            where header.contentType == ContentType.alert.rawValue {
                if header.epoch == 0 {
                    found.append(Array(fragment))
                } else if case .plaintext(let bytes)? = reader?.open(header: header, fragment: fragment) {
                    found.append(Array(bytes))
                }
            }
        }
        return found
    }
}
