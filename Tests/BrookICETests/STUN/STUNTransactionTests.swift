import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// RFC 8489 §6.2.1 retransmission schedule.
@Suite("STUN client transactions")
struct STUNTransactionTests {
    /// Drives a transaction to its end, returning the instants (ms) of every send and of the timeout.
    static func schedule(_ timing: STUNClientTransaction.Timing) -> (sends: [UInt64], timeout: UInt64) {
        var rng = SeededGenerator(seed: 1)
        var transaction = STUNClientTransaction(request: [1, 2, 3], transactionID: STUNTransactionID(using: &rng), now: .zero, timing: timing)
        var sends: [UInt64] = [0]
        while true {
            let now = transaction.deadline
            #expect(transaction.handleTimeout(now: now - .nanoseconds(1)) == .wait)
            switch transaction.handleTimeout(now: now) {
            case .retransmit(let bytes):
                #expect(bytes == [1, 2, 3])
                sends.append(now.nanoseconds / 1_000_000)
            case .timedOut:
                return (sends, now.nanoseconds / 1_000_000)
            case .wait:
                Issue.record("a due deadline did nothing")
                return (sends, 0)
            }
        }
    }

    @Test("RFC 8489 §6.2.1 example: RTO 500 ms, Rc 7, Rm 16")
    func rfcExample() {
        let result = Self.schedule(.rfc8489)
        #expect(result.sends == [0, 500, 1500, 3500, 7500, 15500, 31500])
        #expect(result.timeout == 39500)
    }

    @Test("an upper bound on RTO caps the doubling")
    func cappedRTO() {
        let result = Self.schedule(.init(rto: .milliseconds(100), maximumTransmissions: 5, finalWaitMultiplier: 2, maximumRTO: .milliseconds(300)))
        #expect(result.sends == [0, 100, 300, 600, 900])
        #expect(result.timeout == 1100)
    }

    @Test("Rc = 1: one request, then Rm·RTO")
    func singleShot() {
        let result = Self.schedule(.init(rto: .milliseconds(200), maximumTransmissions: 1, finalWaitMultiplier: 3))
        #expect(result.sends == [0])
        #expect(result.timeout == 600)
    }
}
