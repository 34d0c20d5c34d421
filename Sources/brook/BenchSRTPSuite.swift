// The BrookSRTP rows of `brook bench` (issue 5): protect and unprotect of RTP packets with a 1200-byte
// payload under the four DTLS-SRTP profiles, in place, through the contexts a DTLS-SRTP handshake
// would build. Benchmarks/C/libsrtp2_bench.c measures the same rows with the same keys and packets.
import BrookSRTP
import Glibc

enum SRTPBenchSuite: BenchSuite {
    /// The ops of every profile, in report order.
    static let ops: Set<String> = ["srtp-protect", "srtp-unprotect"]

    static var cases: [BenchCase] {
        SRTPProfile.allCases.flatMap { profile in
            [
                BenchCase("srtp-protect", profile: profile.description, bytes: SRTPBenchStream.payloadLength) {
                    let stream = try SRTPBenchStream(profile: profile)
                    return { iterations, stopwatch in try stopwatch.measure { try stream.protect(iterations) } }
                },
                BenchCase("srtp-unprotect", profile: profile.description, bytes: SRTPBenchStream.payloadLength) {
                    let stream = try SRTPBenchStream(profile: profile)
                    return { iterations, stopwatch in try stream.unprotect(iterations, &stopwatch) }
                },
            ]
        }
    }
}

/// One SSRC's packets from a sender context to a receiver context under one profile, in buffers
/// allocated once.
final class SRTPBenchStream {
    static let headerLength = 12
    static let payloadLength = 1200
    static let packetLength = headerLength + payloadLength
    /// Packets protected ahead (clock stopped) of each timed run of unprotects.
    static let batch = 64
    static let ssrc: UInt32 = 0x5EC0_DE01

    /// The DTLS-SRTP exporter output of the row (RFC 5764 §4.2): byte i is i·7 + 1 (mod 256), as in
    /// the libsrtp2 program, which keys both of its sessions with the client's write key and salt.
    static func keyingMaterial(_ profile: SRTPProfile) -> [UInt8] {
        (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
    }

    let overhead: Int
    /// Bytes per packet slot: the RTP packet and the tag protect appends.
    let slotLength: Int
    var sender: SRTPOutboundContext
    var receiver: SRTPInboundContext
    /// The RTP packet before protection.
    let plain: BenchBuffer
    let slots: BenchBuffer
    /// The next packet's sequence number; it only increases (mod 2^16, the rollover counter follows).
    var sequence: UInt16 = 0

    init(profile: SRTPProfile) throws {
        let material = Self.keyingMaterial(profile)
        // The client protects with its write key; the server unprotects with the client's.
        sender = try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .client).makeContexts().outbound
        receiver = try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .server).makeContexts().inbound
        overhead = profile.rtpOverhead
        slotLength = (Self.packetLength + overhead + 15) & ~15
        // RFC 3550 §5.1: V=2, PT 96, the sequence number (set per packet), a timestamp, the SSRC.
        let ssrc = Self.ssrc
        let header: [UInt8] = [
            0x80, 0x60, 0x00, 0x00, 0x00, 0x01, 0x5F, 0x90,
            UInt8(ssrc >> 24), UInt8(ssrc >> 16 & 0xFF), UInt8(ssrc >> 8 & 0xFF), UInt8(ssrc & 0xFF),
        ]
        plain = BenchBuffer(copying: header + [UInt8](repeating: 0x5A, count: Self.payloadLength))
        slots = BenchBuffer(count: Self.batch * slotLength)
        nextPacket(into: slot(0))
    }

    /// The room of packet slot `index`.
    func slot(_ index: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: slots.bytes[index * slotLength..<(index + 1) * slotLength])
    }

    /// Copies the plain packet into `slot` with the next sequence number.
    func nextPacket(into slot: UnsafeMutableRawBufferPointer) {
        slot.baseAddress!.copyMemory(from: plain.bytes.baseAddress!, byteCount: Self.packetLength)
        setSequence(slot)
    }

    @inline(__always) func setSequence(_ packet: UnsafeMutableRawBufferPointer) {
        packet.storeBytes(of: sequence.bigEndian, toByteOffset: 2, as: UInt16.self)
        sequence &+= 1
    }

    /// `iterations` protects of slot 0, each with the next sequence number; the payload is what the
    /// previous call left, encrypted again (the cost does not depend on it), as in the libsrtp2 program.
    func protect(_ iterations: Int) throws {
        let packet = slot(0)
        for _ in 0..<iterations {
            setSequence(packet)
            _ = try sender.protectRTP(packet, length: Self.packetLength)
        }
    }

    /// `iterations` unprotects of fresh packets (the receiver refuses replays): batches are protected
    /// with the stopwatch stopped, then unprotected once each with it running, then checked.
    func unprotect(_ iterations: Int, _ stopwatch: inout BenchStopwatch) throws {
        let protectedLength = Self.packetLength + overhead
        var done = 0
        while done < iterations {
            let count = min(Self.batch, iterations - done)
            for index in 0..<count {
                nextPacket(into: slot(index))
                _ = try sender.protectRTP(slot(index), length: Self.packetLength)
            }
            try stopwatch.measure {
                for index in 0..<count {
                    let packet = UnsafeMutableRawBufferPointer(rebasing: slot(index)[0..<protectedLength])
                    guard try receiver.unprotectRTP(packet) == Self.packetLength else {
                        throw BenchError.failed("srtp-unprotect returned another length")
                    }
                }
            }
            for index in 0..<count {
                let payload = slot(index).baseAddress! + Self.headerLength
                guard memcmp(payload, plain.bytes.baseAddress! + Self.headerLength, Self.payloadLength) == 0 else {
                    throw BenchError.failed("srtp-unprotect returned another payload")
                }
            }
            done += count
        }
    }
}
