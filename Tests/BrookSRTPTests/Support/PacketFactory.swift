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

    /// An RTP packet with random CSRCs (0–3), an optional RFC 8285 extension, optional padding
    /// bit and marker, and `payload` random bytes.
    mutating func rtp(ssrc: UInt32, sequenceNumber: UInt16, payload: Int) -> [UInt8] {
        let csrcCount = int(0...3)
        let hasExtension = chance(3)
        let padding = chance(8)
        var packet: [UInt8] = [
            0x80 | (padding ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | UInt8(csrcCount),
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
        return packet
    }

    /// An RTCP sender report header (PT 200) for `ssrc` followed by random 32-bit words, with a
    /// consistent length field.
    mutating func rtcp(ssrc: UInt32) -> [UInt8] {
        let words = int(1...60)
        var packet: [UInt8] = [0x80 | UInt8(int(0...31)), 200, UInt8(words >> 8), UInt8(truncatingIfNeeded: words)]
        packet += [UInt8(ssrc >> 24), UInt8(truncatingIfNeeded: ssrc >> 16), UInt8(truncatingIfNeeded: ssrc >> 8), UInt8(truncatingIfNeeded: ssrc)]
        packet += rng.bytes(4 * words)
        return packet
    }
}
