/// The 48-bit SRTP packet index i = 2^16 · ROC + SEQ (RFC 3711 §3.3.1).
enum PacketIndex {
    /// Largest SRTP index (2^48 − 1): ROC is 32 bits.
    static let maximum: UInt64 = (1 << 48) - 1
    /// Largest SRTCP index (2^31 − 1, RFC 3711 §3.4).
    static let maximumRTCP: UInt32 = (1 << 31) - 1

    /// The outcome of `estimate`.
    enum Estimate: Equatable {
        case index(UInt64)
        /// The guess is ROC − 1 while ROC is 0: a packet from before the stream began.
        case beforeFirst
        /// The guess is past 2^48 − 1: the key is used up.
        case exhausted
    }

    /// Estimates the index of a packet carrying `sequenceNumber` from the highest index seen so
    /// far (RFC 3711 Appendix A): the ROC guess v is ROC − 1, ROC or ROC + 1, whichever puts the
    /// packet nearest to s_l.
    @inline(__always)
    static func estimate(sequenceNumber: UInt16, highest: UInt64) -> Estimate {
        let roc = highest >> 16
        let highestSequence = highest & 0xFFFF
        let sequence = UInt64(sequenceNumber)
        var guess = roc
        if highestSequence < 32_768 {
            if sequence > highestSequence && sequence &- highestSequence > 32_768 {
                guard roc > 0 else { return .beforeFirst }
                guess = roc &- 1
            }
        } else if highestSequence &- 32_768 > sequence {
            guess = roc &+ 1
        }
        let index = guess << 16 | sequence
        return index <= maximum ? .index(index) : .exhausted
    }
}
