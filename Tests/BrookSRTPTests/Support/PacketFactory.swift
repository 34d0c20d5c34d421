import BrookTestSupport
/// Builds random but well-formed RTP and RTCP packets for the tests (RFC 3550 §5.1, §6.4;
/// RFC 8285 one- and two-byte header extensions).
struct PacketFactory {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ oneIn: Int) -> Bool { int(1...oneIn) == 1 }

    /// A payload size in 0...1400, with the edges (0, 1, 1400) drawn often.
    mutating func payloadSize() -> Int {
        switch int(0...9) {
        case 0: return [0, 1, 15, 16, 17, 1400][int(0...5)]
        default: return int(0...1400)
        }
    }

    /// An RTP packet with random CSRCs (0–3), an optional RFC 8285 extension, a random marker and
    /// payload type, `payload` random bytes and, when `padding` is given or one time in eight, RFC 3550
    /// §5.1 padding: P set and `padding` (1–255) octets after the payload, zeros but the last, which
    /// holds their count.
    mutating func rtp(ssrc: UInt32, sequenceNumber: UInt16, payload: Int, padding: Int? = nil) -> [UInt8] {
        let csrcCount = int(0...3)
        let hasExtension = chance(3)
        let paddingLength = padding ?? (chance(8) ? int(1...255) : 0)
        var packet: [UInt8] = [
            0x80 | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | UInt8(csrcCount),
            UInt8(int(0...255)),                           // marker and payload type
            UInt8(sequenceNumber >> 8), UInt8(truncatingIfNeeded: sequenceNumber),
        ]
        packet += rng.bytes(4)                             // timestamp
        packet += [UInt8(ssrc >> 24), UInt8(truncatingIfNeeded: ssrc >> 16), UInt8(truncatingIfNeeded: ssrc >> 8), UInt8(truncatingIfNeeded: ssrc)]
        packet += rng.bytes(4 * csrcCount)
        if hasExtension {
            let words = int(0...3)
            packet += chance(2) ? [0xBE, 0xDE] : [0x10, 0x00]   // RFC 8285 §4.2 / §4.3
            packet += [0, UInt8(words)]
            packet += rng.bytes(4 * words)
        }
        packet += rng.bytes(payload)
        if paddingLength > 0 {
            packet += [UInt8](repeating: 0, count: paddingLength - 1) + [UInt8(paddingLength)]
        }
        return packet
    }

    /// An RTCP sender report header (PT 200) for `ssrc` followed by random 32-bit words, with its
    /// length field (the packet's 32-bit words minus one); one time in eight padded (RFC 3550
    /// §6.4.1: P set, 4, 8 or 12 octets counted in the length, the last holding their count).
    mutating func rtcp(ssrc: UInt32) -> [UInt8] {
        let words = int(1...60)
        let paddingWords = chance(8) ? int(1...3) : 0
        let length = 1 + words + paddingWords
        var packet: [UInt8] = [0x80 | (paddingWords > 0 ? 0x20 : 0) | UInt8(int(0...31)), 200, UInt8(length >> 8), UInt8(truncatingIfNeeded: length)]
        packet += [UInt8(ssrc >> 24), UInt8(truncatingIfNeeded: ssrc >> 16), UInt8(truncatingIfNeeded: ssrc >> 8), UInt8(truncatingIfNeeded: ssrc)]
        packet += rng.bytes(4 * words)
        if paddingWords > 0 {
            packet += [UInt8](repeating: 0, count: 4 * paddingWords - 1) + [UInt8(4 * paddingWords)]
        }
        return packet
    }
}

/// The RFC 3550 §5.1 padding of an RTP packet: its length from the last octet when P is set, else 0.
func rtpPaddingLength(_ packet: [UInt8]) -> Int {
    packet[0] & 0x20 != 0 ? Int(packet[packet.count - 1]) : 0
}
