/// Limits of an SRTP context.
public struct SRTPConfiguration: Sendable, Hashable {
    /// Replay window in packets (RFC 3711 §3.3.2: at least 64), rounded up to a multiple of 64.
    /// Default 128.
    public var replayWindowSize: Int
    /// How many SSRCs a context tracks at most, counted separately for SRTP and SRTCP; a packet
    /// for one more SSRC is refused with `.tooManyStreams`. Default 64. Each SRTP stream costs
    /// about `replayWindowSize / 8` bytes.
    public var maximumStreams: Int

    /// Window sizes accepted: 64 (the RFC 3711 minimum) to 32,768 packets (libsrtp's limit).
    public static let replayWindowSizes = 64...32_768

    /// A configuration; `validate()` checks the ranges, and the contexts call it.
    public init(replayWindowSize: Int = 128, maximumStreams: Int = 64) {
        self.replayWindowSize = replayWindowSize
        self.maximumStreams = maximumStreams
    }

    /// Throws `.invalidConfiguration` for a window outside `replayWindowSizes` or fewer than one stream.
    public func validate() throws(SRTPError) {
        guard Self.replayWindowSizes.contains(replayWindowSize) else {
            throw .invalidConfiguration("replayWindowSize \(replayWindowSize) is outside \(Self.replayWindowSizes)")
        }
        guard maximumStreams >= 1 else {
            throw .invalidConfiguration("maximumStreams \(maximumStreams) is below 1")
        }
    }
}

/// Fixed limits on packets.
public enum SRTPLimits {
    /// The longest packet protect and unprotect accept, protected form included: a UDP payload,
    /// or an RFC 4571 frame, has a 16-bit length.
    public static let maximumPacketLength = 65_535
}
