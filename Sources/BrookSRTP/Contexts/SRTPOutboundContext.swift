/// The sending half of an SRTP session: protects RTP (RFC 3711 §3.3) and RTCP (§3.4) packets under
/// one master key, tracking each SSRC's rollover counter and SRTCP index.
///
/// Packets are protected in place in the caller's buffer; the steady state allocates nothing
/// (a stream's state is allocated once, on its first packet). A failed call changes neither the
/// buffer's packet bytes nor the context.
public struct SRTPOutboundContext: Sendable {
    /// The protection profile.
    public let profile: SRTPProfile
    /// The limits in force.
    public let configuration: SRTPConfiguration
    let rtp: SRTPTransform
    let rtcp: SRTPTransform
    /// Per SSRC: the indices already used (the highest one carries ROC and s_l). Refusing a
    /// used index keeps a GCM nonce or an AES-CM keystream from ever repeating.
    var rtpStreams: StreamTable
    /// Per SSRC: the next SRTCP index.
    var rtcpNextIndex: [UInt32: UInt32] = [:]

    /// Derives the session keys from `masterKey` (RFC 3711 §4.3) and expands them.
    /// - Throws: `.invalidConfiguration` for limits out of range.
    public init(masterKey: SRTPMasterKey, configuration: SRTPConfiguration = SRTPConfiguration()) throws(SRTPError) {
        try configuration.validate()
        var keys = SRTPSessionKeys(deriving: masterKey)
        defer { keys.wipe() }
        profile = masterKey.profile
        self.configuration = configuration
        rtp = try SRTPTransform(profile: profile, keys: keys, rtcp: false)
        rtcp = try SRTPTransform(profile: profile, keys: keys, rtcp: true)
        rtpStreams = StreamTable(configuration)
    }

    /// How many distinct SSRCs have sent RTP or RTCP through this context.
    public var streamCount: Int {
        rtpStreams.count + rtcpNextIndex.keys.reduce(0) { $0 + (rtpStreams.windows[$1] == nil ? 1 : 0) }
    }

    /// Protects the RTP packet in the first `length` bytes of `buffer`, in place, and returns the
    /// SRTP packet's length (`length + profile.rtpOverhead`); `buffer` must have room for it.
    ///
    /// The packet index is estimated from the sequence number as a receiver would (RFC 3711
    /// §3.3.1), starting from ROC 0 at a stream's first packet.
    /// - Throws: `.packetTooShort`, `.packetTooLong`, `.unsupportedVersion` for a malformed
    ///   header; `.bufferTooSmall`; `.indexReused` or `.tooOld` for a sequence number already
    ///   used; `.keyExhausted` past 2^48 packets; `.tooManyStreams`.
    public mutating func protectRTP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        let packet = try checkedPacket(buffer, length: length, overhead: profile.rtpOverhead)
        let header = try RTPHeader(parsing: packet, available: length, trailer: 0)
        let index = try rtpStreams.estimateIndex(ssrc: header.ssrc, sequenceNumber: header.sequenceNumber)
        try rtpStreams.admit(ssrc: header.ssrc, index: index) { .indexReused(ssrc: $0, index: $1) }
        switch rtp {
        case .aesCM(let t):
            t.protectRTP(packet, headerLength: header.length, length: length, ssrc: header.ssrc, index: index)
        case .gcm(let t):
            try t.protectRTP(packet, headerLength: header.length, length: length, ssrc: header.ssrc, index: index)
        }
        rtpStreams.accept(ssrc: header.ssrc, index: index)
        return length &+ profile.rtpOverhead
    }

    /// Protects the (compound) RTCP packet in the first `length` bytes of `buffer`, in place, and
    /// returns the SRTCP packet's length (`length + profile.rtcpOverhead`). Always encrypts
    /// (E = 1); a stream's first SRTCP index is 0 (RFC 3711 §3.4).
    /// - Throws: `.packetTooShort`, `.packetTooLong`, `.unsupportedVersion`, `.bufferTooSmall`,
    ///   `.keyExhausted` after 2^31 packets of one SSRC, `.tooManyStreams`.
    public mutating func protectRTCP(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) -> Int {
        let packet = try checkedPacket(buffer, length: length, overhead: profile.rtcpOverhead)
        let header = try RTCPHeader(parsing: packet, available: length, trailer: 0)
        let index: UInt32
        if let next = rtcpNextIndex[header.ssrc] {
            guard next <= PacketIndex.maximumRTCP else { throw .keyExhausted(ssrc: header.ssrc) }
            index = next
        } else {
            guard rtcpNextIndex.count < configuration.maximumStreams else {
                throw .tooManyStreams(maximum: configuration.maximumStreams)
            }
            index = 0
        }
        switch rtcp {
        case .aesCM(let t): t.protectRTCP(packet, length: length, ssrc: header.ssrc, index: index)
        case .gcm(let t): try t.protectRTCP(packet, length: length, ssrc: header.ssrc, index: index)
        }
        rtcpNextIndex[header.ssrc] = index &+ 1
        return length &+ profile.rtcpOverhead
    }

    /// Protects `packet` (an RTP packet) in place, appending the tag. Allocates only when the
    /// array lacks the capacity for `profile.rtpOverhead` more bytes.
    public mutating func protectRTP(_ packet: inout [UInt8]) throws(SRTPError) {
        try protectAppending(&packet, overhead: profile.rtpOverhead) { (buffer, length) throws(SRTPError) in
            try protectRTP(buffer, length: length)
        }
    }

    /// Protects `packet` (an RTCP compound packet) in place, appending E ‖ index and the tag.
    public mutating func protectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        try protectAppending(&packet, overhead: profile.rtcpOverhead) { (buffer, length) throws(SRTPError) in
            try protectRTCP(buffer, length: length)
        }
    }

    private func checkedPacket(_ buffer: UnsafeMutableRawBufferPointer, length: Int, overhead: Int) throws(SRTPError) -> UnsafeMutableRawPointer {
        guard length >= 0, length <= buffer.count else { throw .bufferTooSmall(needed: max(length, 0), available: buffer.count) }
        guard length &+ overhead <= SRTPLimits.maximumPacketLength else {
            throw .packetTooLong(length: length &+ overhead, maximum: SRTPLimits.maximumPacketLength)
        }
        guard length &+ overhead <= buffer.count else { throw .bufferTooSmall(needed: length &+ overhead, available: buffer.count) }
        guard let base = buffer.baseAddress else { throw .packetTooShort(length: 0, minimum: RTCPHeader.clearLength) }
        return base
    }

    private func protectAppending(
        _ packet: inout [UInt8], overhead: Int,
        _ protect: (UnsafeMutableRawBufferPointer, Int) throws(SRTPError) -> Int
    ) throws(SRTPError) {
        let length = packet.count
        packet.append(contentsOf: repeatElement(0, count: overhead))
        do {
            _ = try withMutableBytes(of: &packet) { (buffer) throws(SRTPError) in try protect(buffer, length) }
        } catch {
            packet.removeLast(overhead)
            throw error
        }
    }
}
