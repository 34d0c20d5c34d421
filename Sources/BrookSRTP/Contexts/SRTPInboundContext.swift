/// The receiving half of an SRTP session: authenticates and decrypts SRTP (RFC 3711 §3.3) and
/// SRTCP (§3.4) packets under one master key, with ROC estimation (Appendix A) and a replay
/// window (§3.3.2) per SSRC.
///
/// A stream is created by its first packet that authenticates, up to
/// `configuration.maximumStreams`. Packets are decrypted in place. A failed call (malformed,
/// forged, replayed) changes neither the buffer nor the context.
public struct SRTPInboundContext: Sendable {
    /// The protection profile.
    public let profile: SRTPProfile
    /// The limits in force.
    public let configuration: SRTPConfiguration
    let rtp: SRTPTransform
    let rtcp: SRTPTransform
    /// Per SSRC: the SRTP replay window; its highest index carries ROC and s_l.
    var rtpStreams: StreamTable
    /// Per SSRC: the SRTCP replay window over the 31-bit SRTCP index.
    var rtcpStreams: StreamTable

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
        rtcpStreams = StreamTable(configuration)
    }

    /// How many distinct SSRCs have been accepted (SRTP or SRTCP).
    public var streamCount: Int {
        rtpStreams.count + rtcpStreams.windows.keys.reduce(0) { $0 + (rtpStreams.windows[$1] == nil ? 1 : 0) }
    }

    /// The rollover counter of `ssrc` (RFC 3711 §3.3.1), or nil before its first SRTP packet.
    public func rolloverCounter(ssrc: UInt32) -> UInt32? {
        rtpStreams.windows[ssrc].map { UInt32(truncatingIfNeeded: $0.highest >> 16) }
    }

    /// Verifies and decrypts the SRTP packet that fills `buffer`, in place, and returns the RTP
    /// packet's length (the tag removed); the RTP packet is then the first bytes of `buffer`.
    /// - Throws: `.packetTooShort`, `.packetTooLong`, `.unsupportedVersion`;
    ///   `.authenticationFailed`; `.replayed`, `.tooOld`; `.keyExhausted`; `.tooManyStreams`.
    public mutating func unprotectRTP(_ buffer: UnsafeMutableRawBufferPointer) throws(SRTPError) -> Int {
        let tagLength = profile.rtpTagLength
        let packet = try checkedPacket(buffer, minimum: RTPHeader.fixedLength &+ tagLength)
        let length = buffer.count &- tagLength
        let header = try RTPHeader(parsing: packet, available: length, trailer: tagLength)
        let index = try rtpStreams.estimateIndex(ssrc: header.ssrc, sequenceNumber: header.sequenceNumber)
        try rtpStreams.admit(ssrc: header.ssrc, index: index) { .replayed(ssrc: $0, index: $1) }
        let authentic: Bool
        switch rtp {
        case .aesCM(let t):
            authentic = t.unprotectRTP(packet, headerLength: header.length, length: length, ssrc: header.ssrc, index: index)
        case .gcm(let t):
            authentic = t.unprotectRTP(packet, headerLength: header.length, length: length, ssrc: header.ssrc, index: index)
        }
        guard authentic else { throw .authenticationFailed(ssrc: header.ssrc, index: index) }
        rtpStreams.accept(ssrc: header.ssrc, index: index)
        return length
    }

    /// Verifies and decrypts the SRTCP packet that fills `buffer`, in place, and returns the RTCP
    /// packet's length (E ‖ index and tag removed). Packets sent with E = 0 (authenticated, not
    /// encrypted) are accepted too.
    /// - Throws: `.packetTooShort`, `.packetTooLong`, `.unsupportedVersion`;
    ///   `.authenticationFailed`; `.replayed`, `.tooOld`; `.tooManyStreams`.
    public mutating func unprotectRTCP(_ buffer: UnsafeMutableRawBufferPointer) throws(SRTPError) -> Int {
        let trailer = profile.rtcpOverhead
        let packet = try checkedPacket(buffer, minimum: RTCPHeader.clearLength &+ trailer)
        let length = buffer.count &- trailer
        let header = try RTCPHeader(parsing: packet, available: length, trailer: trailer)
        // RFC 3711 §3.4: E ‖ index precedes the tag; RFC 7714 §9: it follows the GCM tag.
        let wordOffset = profile.isAEAD ? buffer.count &- 4 : length
        let word = loadBigEndian32(packet, wordOffset)
        let encrypted = word & 0x8000_0000 != 0
        let index = word & PacketIndex.maximumRTCP
        try rtcpStreams.admit(ssrc: header.ssrc, index: UInt64(index)) { .replayed(ssrc: $0, index: $1) }
        let authentic: Bool
        switch rtcp {
        case .aesCM(let t):
            authentic = t.unprotectRTCP(packet, length: length, ssrc: header.ssrc, index: index, encrypted: encrypted)
        case .gcm(let t):
            authentic = t.unprotectRTCP(packet, length: length, ssrc: header.ssrc, index: index, encrypted: encrypted)
        }
        guard authentic else { throw .authenticationFailed(ssrc: header.ssrc, index: UInt64(index)) }
        rtcpStreams.accept(ssrc: header.ssrc, index: UInt64(index))
        return length
    }

    /// Verifies and decrypts `packet` (SRTP) in place and removes the tag.
    public mutating func unprotectRTP(_ packet: inout [UInt8]) throws(SRTPError) {
        let length = try withMutableBytes(of: &packet) { (buffer) throws(SRTPError) in try unprotectRTP(buffer) }
        packet.removeLast(packet.count &- length)
    }

    /// Verifies and decrypts `packet` (SRTCP) in place and removes E ‖ index and the tag.
    public mutating func unprotectRTCP(_ packet: inout [UInt8]) throws(SRTPError) {
        let length = try withMutableBytes(of: &packet) { (buffer) throws(SRTPError) in try unprotectRTCP(buffer) }
        packet.removeLast(packet.count &- length)
    }

    private func checkedPacket(_ buffer: UnsafeMutableRawBufferPointer, minimum: Int) throws(SRTPError) -> UnsafeMutableRawPointer {
        guard buffer.count >= minimum, let base = buffer.baseAddress else {
            throw .packetTooShort(length: buffer.count, minimum: minimum)
        }
        guard buffer.count <= SRTPLimits.maximumPacketLength else {
            throw .packetTooLong(length: buffer.count, maximum: SRTPLimits.maximumPacketLength)
        }
        return base
    }
}
