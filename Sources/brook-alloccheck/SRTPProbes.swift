// Issue 5's claim: no allocation per packet in the steady state. For each of the four profiles:
// protect and unprotect of RTP (a 1200-byte payload behind an RFC 8285 header extension, sequence
// numbers crossing 65535 so the rollover counter moves while counting) and of RTCP (a sender
// report), in place, once the stream exists (the warm-up call creates it).
import BrookSRTP

private let ssrc: UInt32 = 0x5EC0_DE01
private let payloadLength = 1200
private let firstSequence: UInt16 = 65_000

var srtpProbes: [Probe] {
    SRTPProfile.allCases.flatMap { profile in
        [
            srtpProbe("srtp-protect-rtp/\(profile)", profile, rtcp: false, unprotect: false),
            srtpProbe("srtp-unprotect-rtp/\(profile)", profile, rtcp: false, unprotect: true),
            srtpProbe("srtp-protect-rtcp/\(profile)", profile, rtcp: true, unprotect: false),
            srtpProbe("srtp-unprotect-rtcp/\(profile)", profile, rtcp: true, unprotect: true),
        ]
    }
}

/// RTP (RFC 3550 §5.1): V=2, X=1, PT 96, sequence number 0 (set per packet), timestamp, SSRC; a
/// one-byte-header extension (RFC 8285 §4.2) of one word; the payload.
private func rtpPacket() -> [UInt8] {
    [0x90, 0x60, 0, 0, 0, 0, 0x30, 0x39] + bigEndian(ssrc) + [0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00]
        + [UInt8](repeating: 0x5A, count: payloadLength)
}

/// RTCP sender report (RFC 3550 §6.4.1) with no report blocks: 28 bytes.
private func rtcpPacket() -> [UInt8] {
    [0x80, 200, 0x00, 0x06] + bigEndian(ssrc) + [UInt8](repeating: 0x33, count: 20)
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
}

/// Protect: each call copies the plain packet into its slot (with the next sequence number for
/// RTP) and protects it. Unprotect: the packets are protected beforehand, one slot per call, and each
/// call unprotects the next; afterwards every slot must hold the plain packet again.
func srtpProbe(_ name: String, _ profile: SRTPProfile, rtcp: Bool, unprotect: Bool) -> Probe {
    Probe(name) { iterations in
        let material = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        var sender = try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .client).makeContexts().outbound
        var receiver = try DTLSSRTPKeys(profile: profile, keyingMaterial: material, role: .server).makeContexts().inbound
        let plain = rtcp ? rtcpPacket() : rtpPacket()
        let overhead = rtcp ? profile.rtcpOverhead : profile.rtpOverhead
        let slotLength = plain.count + overhead
        let count = iterations + 1
        let slots = ProbeBuffer(count: count * slotLength)
        func slot(_ i: Int) -> UnsafeMutableRawBufferPointer { slots.slice(i * slotLength, slotLength) }
        func fill(_ i: Int) {
            let packet = slot(i)
            plain.withUnsafeBytes { packet.copyMemory(from: $0) }
            if !rtcp { fillSequence(packet, i) }
        }
        func protect(_ i: Int) throws {
            fill(i)
            let length = rtcp ? try sender.protectRTCP(slot(i), length: plain.count) : try sender.protectRTP(slot(i), length: plain.count)
            guard length == slotLength else { throw ProbeFailure("\(name): protected length \(length)") }
        }
        if !unprotect { return ProbeBody { i in try protect(i) } }
        for i in 0..<count { try protect(i) }
        return ProbeBody(
            operation: { i in
                let length = rtcp ? try receiver.unprotectRTCP(slot(i)) : try receiver.unprotectRTP(slot(i))
                guard length == plain.count else { throw ProbeFailure("\(name): unprotected length \(length)") }
            },
            verify: {
                for i in 0..<count {
                    var expected = plain
                    if !rtcp { expected.withUnsafeMutableBytes { fillSequence($0, i) } }
                    guard slot(i).prefix(plain.count).elementsEqual(expected) else { throw ProbeFailure("\(name): packet \(i) differs") }
                }
                if !rtcp, receiver.rolloverCounter(ssrc: ssrc) != 1 { throw ProbeFailure("\(name): the rollover counter did not move") }
            })
    }
}

private func fillSequence(_ packet: UnsafeMutableRawBufferPointer, _ i: Int) {
    packet.storeBytes(of: (firstSequence &+ UInt16(truncatingIfNeeded: i)).bigEndian, toByteOffset: 2, as: UInt16.self)
}
