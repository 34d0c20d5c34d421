import BrookSansIO

/// The retransmission schedule of one STUN request over UDP (RFC 8489 §6.2.1).
///
/// The request goes out at once, then again after RTO, 2·RTO, 4·RTO, … until Rc requests have been
/// sent; the transaction fails Rm·RTO after the last one. With the defaults (RTO 500 ms, Rc 7, Rm 16)
/// requests leave at 0, 500, 1500, 3500, 7500, 15500 and 31500 ms and the transaction times out at 39500 ms.
public struct STUNClientTransaction: Sendable {
    /// The parameters of the schedule.
    public struct Timing: Hashable, Sendable {
        /// The initial retransmission timeout (RFC 8489 §6.2.1 recommends 500 ms or more).
        public var rto: Duration
        /// Total requests sent (Rc, default 7).
        public var maximumTransmissions: Int
        /// The last wait, in multiples of the initial RTO (Rm, default 16).
        public var finalWaitMultiplier: Int
        /// The largest interval between retransmissions (RFC 8489 §6.2.1 allows an upper bound; none by default).
        public var maximumRTO: Duration?

        public init(rto: Duration = .milliseconds(500), maximumTransmissions: Int = 7,
                    finalWaitMultiplier: Int = 16, maximumRTO: Duration? = nil) {
            self.rto = rto
            self.maximumTransmissions = max(1, maximumTransmissions)
            self.finalWaitMultiplier = max(1, finalWaitMultiplier)
            self.maximumRTO = maximumRTO
        }

        /// RFC 8489 §6.2.1 defaults.
        public static let rfc8489 = Timing()
    }

    /// What the caller must do when the deadline passes.
    public enum Action: Hashable, Sendable {
        /// Send the request again.
        case retransmit([UInt8])
        /// No response came: the transaction failed (RFC 8489 §6.2.1).
        case timedOut
        /// Nothing yet: the deadline has not passed.
        case wait
    }

    /// The transaction ID the response must carry.
    public let transactionID: STUNTransactionID
    /// The encoded request.
    public let request: [UInt8]
    /// The schedule.
    public let timing: Timing
    /// Requests sent so far (the first one included).
    public private(set) var transmissions = 1
    /// When `handleTimeout` next has something to do.
    public private(set) var deadline: Instant
    private var interval: Duration

    /// Starts a transaction whose first request the caller sends at `now`.
    public init(request: [UInt8], transactionID: STUNTransactionID, now: Instant, timing: Timing = .rfc8489) {
        self.request = request
        self.transactionID = transactionID
        self.timing = timing
        self.interval = timing.rto
        self.deadline = now + timing.rto
        if timing.maximumTransmissions == 1 { deadline = now + timing.rto * timing.finalWaitMultiplier }
    }

    /// Advances the schedule at `now`.
    public mutating func handleTimeout(now: Instant) -> Action {
        guard now >= deadline else { return .wait }
        if transmissions >= timing.maximumTransmissions { return .timedOut }
        transmissions += 1
        if transmissions == timing.maximumTransmissions {
            deadline = now + timing.rto * timing.finalWaitMultiplier
        } else {
            interval = interval * 2
            if let cap = timing.maximumRTO, interval > cap { interval = cap }
            deadline = now + interval
        }
        return .retransmit(request)
    }
}
