import BrookSRTP

// SRTP and SRTCP unprotect (RFC 3711 §3.3 and §3.4, RFC 7714) under fixed master keys.
//
// Input layout: [mode] then packets, each as a 2-byte big-endian length and that many bytes
// (a short last packet takes what is left). mode % 4 picks one of the four DTLS-SRTP profiles.
// Without bit 2 of mode, the packets are protected ones and go, in order, through one inbound
// context, so sequences of packets reach the ROC estimation and the replay window. With bit 2,
// they are plain RTP/RTCP packets that one outbound context protects and one inbound context
// then unprotects: whatever the sender protects, the receiver (having seen the same packets)
// must accept and restore exactly.

extension FuzzTarget {
    /// `SRTPInboundContext.unprotectRTP` on a sequence of packets.
    static let srtp = FuzzTarget(
        name: "srtp",
        summary: "SRTP unprotect of a packet sequence under fixed keys: refused packets unchanged, accepted ones keep their header and are refused when replayed; protect then unprotect restores the packet"
    ) { input throws(FuzzFailure) in
        guard let mode = input.first else { return .rejected }
        return mode & 4 == 0 ? try unprotectSequence(input, rtcp: false) : try roundTripSequence(input, rtcp: false)
    }

    /// `SRTPInboundContext.unprotectRTCP` on a sequence of packets.
    static let srtcp = FuzzTarget(
        name: "srtcp",
        summary: "SRTCP unprotect of a packet sequence under fixed keys: refused packets unchanged, accepted ones keep their header and are refused when replayed; protect then unprotect restores the packet"
    ) { input throws(FuzzFailure) in
        guard let mode = input.first else { return .rejected }
        return mode & 4 == 0 ? try unprotectSequence(input, rtcp: true) : try roundTripSequence(input, rtcp: true)
    }
}

/// The fixed master keys the seed packets were protected with (`Fuzz/make_corpus.py`).
enum SRTPFuzzFixture {
    /// The profiles in the order the first input byte selects them.
    static let profiles: [SRTPProfile] = [.aes128CmHmacSha1_80, .aes128CmHmacSha1_32, .aeadAes128Gcm, .aeadAes256Gcm]

    /// Key bytes 1, 2, 3, … and salt bytes 0xA0, 0xA1, … at the profile's lengths.
    static func masterKey(_ profile: SRTPProfile) -> SRTPMasterKey {
        try! SRTPMasterKey(
            profile: profile,
            key: (0..<profile.masterKeyLength).map { UInt8($0 + 1) },
            salt: (0..<profile.masterSaltLength).map { UInt8(0xA0 + $0) }
        )
    }

    /// Contexts are built per input (they carry state); the key schedule is derived once per profile.
    static let masterKeys = profiles.map(masterKey)
}

/// The packets after the mode byte: 2-byte length, then that many bytes (or what is left).
private func packets(_ input: UnsafeRawBufferPointer) -> [[UInt8]] {
    var packets: [[UInt8]] = []
    var offset = 1
    while offset < input.count {
        let declared = offset + 2 <= input.count ? Int(input[offset]) << 8 | Int(input[offset + 1]) : 0
        let start = min(offset + 2, input.count)
        let end = min(start + declared, input.count)
        offset = end
        packets.append(Array(input[start..<end]))
    }
    return packets
}

private func unprotectSequence(_ input: UnsafeRawBufferPointer, rtcp: Bool) throws(FuzzFailure) -> FuzzOutcome {
    let profile = SRTPFuzzFixture.profiles[Int(input[0]) % 4]
    guard var context = try? SRTPInboundContext(masterKey: SRTPFuzzFixture.masterKeys[Int(input[0]) % 4]) else {
        throw FuzzFailure(description: "the default configuration was refused")
    }
    // The clear header: the RTP fixed header, or the first RTCP header and sender SSRC.
    let clearCount = rtcp ? 8 : 12
    var outcome = FuzzOutcome.rejected
    for original in packets(input) {
        var packet = original
        let result = packet.withUnsafeMutableBytes { (buffer) -> Result<Int, SRTPError> in
            do throws(SRTPError) {
                return .success(rtcp ? try context.unprotectRTCP(buffer) : try context.unprotectRTP(buffer))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .failure:
            try ensure(packet == original, "a refused \(profile) \(rtcp ? "SRTCP" : "SRTP") packet was changed")
        case .success(let length):
            let overhead = rtcp ? profile.rtcpOverhead : profile.rtpTagLength
            try ensure(length == original.count - overhead, "unprotect returned \(length) for \(original.count) bytes")
            try ensure(packet.prefix(clearCount).elementsEqual(original.prefix(clearCount)), "unprotect changed the clear header")
            var replay = original
            let replayed = replay.withUnsafeMutableBytes { buffer -> SRTPError? in
                do throws(SRTPError) {
                    _ = rtcp ? try context.unprotectRTCP(buffer) : try context.unprotectRTP(buffer)
                    return nil
                } catch {
                    return error
                }
            }
            guard case .replayed = replayed else {
                throw FuzzFailure(description: "a replayed \(profile) packet gave \(String(describing: replayed)), not .replayed")
            }
            try ensure(replay == original, "a refused replay was changed")
            outcome = .accepted
        }
    }
    return outcome
}

private func roundTripSequence(_ input: UnsafeRawBufferPointer, rtcp: Bool) throws(FuzzFailure) -> FuzzOutcome {
    let profile = SRTPFuzzFixture.profiles[Int(input[0]) % 4]
    let masterKey = SRTPFuzzFixture.masterKeys[Int(input[0]) % 4]
    guard var sender = try? SRTPOutboundContext(masterKey: masterKey),
          var receiver = try? SRTPInboundContext(masterKey: masterKey) else {
        throw FuzzFailure(description: "the default configuration was refused")
    }
    var outcome = FuzzOutcome.rejected
    for original in packets(input) {
        var packet = original
        do throws(SRTPError) {
            if rtcp { try sender.protectRTCP(&packet) } else { try sender.protectRTP(&packet) }
        } catch {
            try ensure(packet == original, "a refused \(profile) protect changed the packet")
            continue
        }
        let overhead = rtcp ? profile.rtcpOverhead : profile.rtpOverhead
        try ensure(packet.count == original.count + overhead, "protect added \(packet.count - original.count) bytes, not \(overhead)")
        do throws(SRTPError) {
            if rtcp { try receiver.unprotectRTCP(&packet) } else { try receiver.unprotectRTP(&packet) }
        } catch {
            throw FuzzFailure(description: "\(profile): the receiver refused what the sender protected: \(error)")
        }
        try ensure(packet == original, "\(profile): protect then unprotect changed the packet")
        outcome = .accepted
    }
    return outcome
}
