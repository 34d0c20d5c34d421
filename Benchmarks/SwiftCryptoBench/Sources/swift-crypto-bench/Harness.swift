// The timing loop and output format shared (by specification, not by code) with Brook's own bench
// and the C references: Benchmarks/README.md.
import Foundation

/// Command-line options: `--quick`, `--seconds S`, `--elapsed` (wall clock instead of the thread's CPU
/// time), `--filter TEXT` (repeatable, substring of the op name).
struct Options {
    var seconds = 0.5
    var rounds = 5
    var clock = CLOCK_THREAD_CPUTIME_ID
    var filters: [String] = []

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--quick": seconds = 0.01; rounds = 1
            case "--elapsed": clock = CLOCK_MONOTONIC
            case "--seconds" where i + 1 < arguments.count: i += 1; seconds = Double(arguments[i]) ?? seconds
            case "--filter" where i + 1 < arguments.count: i += 1; filters.append(arguments[i])
            default:
                FileHandle.standardError.write(Data("swift-crypto-bench: unknown argument \(arguments[i])\n".utf8))
                exit(2)
            }
            i += 1
        }
    }

    func selects(_ op: String) -> Bool { filters.isEmpty || filters.contains { op.contains($0) } }
}

/// Seconds taken by `body(iterations)` on `clock`.
func timed(_ clock: clockid_t, _ iterations: Int, _ body: (Int) -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(clock, &start)
    body(iterations)
    clock_gettime(clock, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Operations per second: iterations doubled until a batch takes 4 ms (1 ms when quick), then
/// `rounds` batches sized to share `seconds`; the best batch counts.
func operationsPerSecond(_ options: Options, _ body: (Int) -> Void) -> Double {
    let calibration = options.rounds == 1 ? 0.001 : 0.004
    var iterations = 1
    var elapsed = timed(options.clock, iterations, body)
    while elapsed < calibration {
        iterations *= 2
        elapsed = timed(options.clock, iterations, body)
    }
    let perRound = max(1, Int(Double(iterations) * (options.seconds / Double(options.rounds)) / elapsed))
    var best = 0.0
    for _ in 0..<options.rounds { best = max(best, Double(perRound) / timed(options.clock, perRound, body)) }
    return best
}

/// Measures one row and prints its JSON line, if the filter selects it.
func bench(_ options: Options, op: String, bytes: Int? = nil, _ body: (Int) -> Void) {
    guard options.selects(op) else { return }
    let rate = operationsPerSecond(options, body)
    if let bytes {
        let mb = rate * Double(bytes) / 1e6
        print("{\"op\": \"\(op)\", \"bytes\": \(bytes), \"impl\": \"swift-crypto\", \"mb_per_s\": \(String(format: "%.1f", mb))}")
    } else {
        print("{\"op\": \"\(op)\", \"impl\": \"swift-crypto\", \"ops_per_s\": \(String(format: "%.1f", rate))}")
    }
    fflush(nil)
}

/// Keeps the optimiser from discarding a result.
@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }
