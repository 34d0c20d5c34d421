/// Per-SSRC replay windows (RFC 3711 §3.3.2) with a cap on how many SSRCs a context tracks. The
/// highest index in a stream's window also carries its ROC and s_l (RFC 3711 §3.3.1).
///
/// Reads (`estimateIndex`, `admit`) never change the table; `accept` records a packet once it
/// has been protected or has authenticated, so a failed packet leaves no trace.
struct StreamTable: Sendable {
    var windows: [UInt32: ReplayWindow] = [:]
    let maximumStreams: Int
    let windowSize: Int

    init(_ configuration: SRTPConfiguration) {
        maximumStreams = configuration.maximumStreams
        windowSize = configuration.replayWindowSize
    }

    var count: Int { windows.count }

    /// The SRTP index of a packet of `ssrc` carrying `sequenceNumber` (RFC 3711 Appendix A); a
    /// stream's first packet has ROC 0.
    /// - Throws: `.tooOld` when the guess falls before the stream's first packet,
    ///   `.keyExhausted` past 2^48 − 1.
    @inline(__always)
    func estimateIndex(ssrc: UInt32, sequenceNumber: UInt16) throws(SRTPError) -> UInt64 {
        guard let highest = windows[ssrc]?.highest else { return UInt64(sequenceNumber) }
        switch PacketIndex.estimate(sequenceNumber: sequenceNumber, highest: highest) {
        case .index(let index): return index
        case .beforeFirst: throw .tooOld(ssrc: ssrc, index: UInt64(sequenceNumber))
        case .exhausted: throw .keyExhausted(ssrc: ssrc)
        }
    }

    /// Throws unless `index` may be used on `ssrc`: unseen on a known stream, or the first packet
    /// of a new stream while there is room for one.
    /// - Throws: `repeated(ssrc, index)` for an index already recorded, `.tooOld` behind the
    ///   window, `.tooManyStreams` for one stream too many.
    @inline(__always)
    func admit(ssrc: UInt32, index: UInt64, repeated: (UInt32, UInt64) -> SRTPError) throws(SRTPError) {
        guard let verdict = windows[ssrc]?.check(index) else {
            guard windows.count < maximumStreams else { throw .tooManyStreams(maximum: maximumStreams) }
            return
        }
        switch verdict {
        case .fresh: return
        case .replayed: throw repeated(ssrc, index)
        case .tooOld: throw .tooOld(ssrc: ssrc, index: index)
        }
    }

    /// Records `index` on `ssrc`, creating the stream on its first packet.
    @inline(__always)
    mutating func accept(ssrc: UInt32, index: UInt64) {
        windows[ssrc, default: ReplayWindow(size: windowSize)].accept(index)
    }
}
