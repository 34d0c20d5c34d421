import BrookSRTP

// SRTP and SRTCP unprotect (RFC 3711 §3.3 and §3.4, RFC 7714) under fixed master keys.
//
// Input layout: [profile] then packets, each as a 2-byte big-endian length and that many bytes
// (a short last packet takes what is left). profile % 4 picks one of the four DTLS-SRTP
// profiles. The packets go, in order, through one inbound context, so sequences of packets
// reach the ROC estimation and the replay window.

extension FuzzTarget {
    /// `SRTPInboundContext.unprotectRTP` on a sequence of packets.
    static let srtp = FuzzTarget(
        name: "srtp",
        summary: "SRTP unprotect of a packet sequence under fixed keys; a refused packet is left unchanged, an accepted one keeps its header and is refused when replayed"
    ) { input throws(FuzzFailure) in
        try unprotectSequence(input, rtcp: false)
    }

    /// `SRTPInboundContext.unprotectRTCP` on a sequence of packets.
    static let srtcp = FuzzTarget(
        name: "srtcp",
        summary: "SRTCP unprotect of a packet sequence under fixed keys; a refused packet is left unchanged, an accepted one keeps its header and is refused when replayed"
    ) { input throws(FuzzFailure) in
        try unprotectSequence(input, rtcp: true)
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

private func unprotectSequence(_ input: UnsafeRawBufferPointer, rtcp: Bool) throws(FuzzFailure) -> FuzzOutcome {
    guard let selector = input.first else { return .rejected }
    let profile = SRTPFuzzFixture.profiles[Int(selector) % 4]
    guard var context = try? SRTPInboundContext(masterKey: SRTPFuzzFixture.masterKeys[Int(selector) % 4]) else {
        throw FuzzFailure(description: "the default configuration was refused")
    }
    // The clear header: the RTP fixed header, or the first RTCP header and sender SSRC.
    let clearCount = rtcp ? 8 : 12
    var outcome = FuzzOutcome.rejected
    var offset = 1
    while offset < input.count {
        let declared = offset + 2 <= input.count ? Int(input[offset]) << 8 | Int(input[offset + 1]) : 0
        let start = min(offset + 2, input.count)
        let end = min(start + declared, input.count)
        offset = end
        let original = Array(input[start..<end])
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
