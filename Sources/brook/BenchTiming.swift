// The timing loop of `brook bench`, the same in every reference program (Benchmarks/README.md):
// iterations doubled until one batch takes 4 ms (1 ms when quick), then `rounds` batches sized to
// share the row's time; the best batch counts (the least disturbed by other work on the machine).
// Time is the thread's CPU time by default (as `openssl speed` counts), so that other processes on a
// shared machine do not count against whichever program ran while they were busy; `--elapsed` uses
// the monotonic wall clock instead. A body may stop the clock around untimed setup (`BenchStopwatch`):
// the SRTP unprotect rows protect their fresh packets that way.
import Glibc

struct BenchTiming: Sendable {
    /// Time spent on one row, split over the rounds.
    var seconds: Double
    var rounds: Int
    /// CLOCK_THREAD_CPUTIME_ID, or CLOCK_MONOTONIC for wall-clock time.
    var clock: clockid_t = CLOCK_THREAD_CPUTIME_ID

    static let standard = BenchTiming(seconds: 0.5, rounds: 5)
    static let quick = BenchTiming(seconds: 0.01, rounds: 1)

    /// Operations per second of `body`.
    func operationsPerSecond(_ body: BenchSelfTimedBody) throws -> Double {
        let calibration = rounds == 1 ? 0.001 : 0.004
        var iterations = 1
        var elapsed = try time(iterations, body)
        while elapsed < calibration {
            iterations *= 2
            elapsed = try time(iterations, body)
        }
        let perRound = max(1, Int(Double(iterations) * (seconds / Double(rounds)) / elapsed))
        var best = 0.0
        for _ in 0..<rounds { best = max(best, Double(perRound) / (try time(perRound, body))) }
        return best
    }

    /// Seconds per operation of each of `bodies` in each round, timed in turns: every round runs each
    /// body's batch once, so a disturbed spell on the machine (a busy neighbour on a shared core
    /// lasts seconds) falls on all of them alike and their ratios within a round hold.
    /// `shares[i]` is the fraction of `seconds` body i gets. Result: `[round][body]`.
    func interleavedSecondsPerOperation(_ bodies: [BenchSelfTimedBody], shares: [Double]) throws -> [[Double]] {
        precondition(bodies.count == shares.count)
        let calibration = rounds == 1 ? 0.001 : 0.004
        var batches: [Int] = []
        for (body, share) in zip(bodies, shares) {
            var iterations = 1
            var elapsed = try time(iterations, body)
            while elapsed < calibration {
                iterations *= 2
                elapsed = try time(iterations, body)
            }
            batches.append(max(1, Int(Double(iterations) * (seconds * share / Double(rounds)) / elapsed)))
        }
        var perRound: [[Double]] = []
        for _ in 0..<rounds {
            perRound.append(try bodies.indices.map { index in try time(batches[index], bodies[index]) / Double(batches[index]) })
        }
        return perRound
    }

    /// Seconds `body(iterations)` counted on `clock`.
    func time(_ iterations: Int, _ body: BenchSelfTimedBody) throws -> Double {
        var stopwatch = BenchStopwatch(clock: clock)
        try body(iterations, &stopwatch)
        return stopwatch.seconds
    }
}

/// The time of the measured parts of a body, added up on one clock.
struct BenchStopwatch {
    let clock: clockid_t
    private(set) var seconds = 0.0

    init(clock: clockid_t) { self.clock = clock }

    /// Runs `work` with the clock running.
    mutating func measure(_ work: () throws -> Void) rethrows {
        var start = timespec(), end = timespec()
        clock_gettime(clock, &start)
        try work()
        clock_gettime(clock, &end)
        seconds += Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
}

/// A heap buffer allocated once per row and freed with it, so the timed loop allocates nothing.
final class BenchBuffer {
    let bytes: UnsafeMutableRawBufferPointer

    init(count: Int, filler: UInt8 = 0) {
        bytes = .allocate(byteCount: count, alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: filler)
    }

    convenience init(copying source: [UInt8]) {
        self.init(count: source.count)
        bytes.copyBytes(from: source)
    }

    convenience init(copying source: BenchBuffer) {
        self.init(count: source.bytes.count)
        bytes.copyMemory(from: UnsafeRawBufferPointer(source.bytes))
    }

    /// Copies `source` back over this buffer (the ciphertext before each open).
    @inline(__always) func restore(from source: BenchBuffer) {
        bytes.baseAddress!.copyMemory(from: source.bytes.baseAddress!, byteCount: bytes.count)
    }

    deinit { bytes.deallocate() }
}

/// Keeps the optimiser from discarding a result.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// Why `brook bench` stopped.
enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    case reference(String)

    var description: String {
        switch self {
        case .failed(let what): "benchmark failed: \(what)"
        case .reference(let what): "reference: \(what)"
        }
    }
}
