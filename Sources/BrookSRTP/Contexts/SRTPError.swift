/// Why an SRTP or SRTCP operation failed. A failed call leaves the caller's buffer and the
/// context exactly as they were.
public enum SRTPError: Error, Hashable, Sendable {
    /// The packet is shorter than its headers and tag require.
    case packetTooShort(length: Int, minimum: Int)
    /// The packet is longer than `SRTPLimits.maximumPacketLength`.
    case packetTooLong(length: Int, maximum: Int)
    /// The RTP or RTCP version field is not 2 (RFC 3550 §5.1, §6.4.1).
    case unsupportedVersion(UInt8)
    /// The caller's buffer cannot hold the protected packet.
    case bufferTooSmall(needed: Int, available: Int)
    /// The authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §8.2).
    case authenticationFailed(ssrc: UInt32, index: UInt64)
    /// This packet index was already received (RFC 3711 §3.3.2).
    case replayed(ssrc: UInt32, index: UInt64)
    /// This packet index is older than the replay window (RFC 3711 §3.3.2).
    case tooOld(ssrc: UInt32, index: UInt64)
    /// The sender would reuse a packet index it already used with this key (a GCM nonce or an
    /// AES-CM keystream would repeat).
    case indexReused(ssrc: UInt32, index: UInt64)
    /// The 48-bit SRTP index or the 31-bit SRTCP index is exhausted: a new master key is
    /// required (RFC 3711 §9.2, RFC 7714 §13.1).
    case keyExhausted(ssrc: UInt32)
    /// A new SSRC arrived while `maximumStreams` contexts already exist.
    case tooManyStreams(maximum: Int)
    /// Keying material, a master key or a master salt has the wrong length for the profile.
    case invalidKeyLength(expected: Int, actual: Int)
    /// A configuration value is out of range (for example the replay window size).
    case invalidConfiguration(String)
}

extension SRTPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .packetTooShort(let length, let minimum): "packet of \(length) bytes is shorter than the \(minimum) its headers and tag need"
        case .packetTooLong(let length, let maximum): "packet of \(length) bytes exceeds \(maximum)"
        case .unsupportedVersion(let version): "RTP/RTCP version \(version), expected 2"
        case .bufferTooSmall(let needed, let available): "buffer of \(available) bytes, \(needed) needed"
        case .authenticationFailed(let ssrc, let index): "authentication failed (SSRC \(ssrc), index \(index))"
        case .replayed(let ssrc, let index): "replayed packet (SSRC \(ssrc), index \(index))"
        case .tooOld(let ssrc, let index): "packet behind the replay window (SSRC \(ssrc), index \(index))"
        case .indexReused(let ssrc, let index): "packet index already used by this sender (SSRC \(ssrc), index \(index))"
        case .keyExhausted(let ssrc): "index space exhausted for SSRC \(ssrc): a new master key is needed"
        case .tooManyStreams(let maximum): "a new SSRC beyond the limit of \(maximum) streams"
        case .invalidKeyLength(let expected, let actual): "key material of \(actual) bytes, \(expected) expected"
        case .invalidConfiguration(let reason): "invalid configuration: \(reason)"
        }
    }
}
