// The rows `brook bench` measures, as a registry: each group of rows (crypto, SRTP and STUN today;
// DTLS later) is a `BenchSuite` listed in `BenchRegistry.suites`, so new rows plug in without touching the
// timing, the reference runs or the report.

/// One row of the report: an operation name (issue 3's family, e.g. `aes-128-gcm-seal`) and, for a
/// throughput row, the message size in bytes. Rows without a size are key operations, in ops/s. A
/// packet row (issue 5's `srtp-protect`) also names its protection profile and counts packets/s
/// beside MB/s of payload.
struct BenchRow: Hashable, Sendable {
    let op: String
    let bytes: Int?
    /// The SRTP protection profile of a packet row (`AES_CM_128_HMAC_SHA1_80`, …); nil otherwise.
    var profile: String? = nil

    /// MB/s (10^6 bytes per second) for throughput and packet rows, ops/s for key operations.
    var unit: String { bytes == nil ? "ops/s" : "MB/s" }

    /// True when a filter selects the row: its op, or its profile, contains the text.
    func matches(_ filter: String) -> Bool {
        op.contains(filter) || (profile?.contains(filter) ?? false)
    }
}

/// The body of a measurement: runs the operation `iterations` times on state prepared beforehand.
typealias BenchBody = (_ iterations: Int) throws -> Void

/// A body that times itself: runs the operation `iterations` times, with the stopwatch running only
/// around the work that counts (an unprotect row protects its fresh packets with the clock stopped).
typealias BenchSelfTimedBody = (_ iterations: Int, _ stopwatch: inout BenchStopwatch) throws -> Void

/// A row measured on Brook: `prepare` builds keys and buffers once (outside the timing) and returns
/// the body that is timed.
struct BenchCase {
    let row: BenchRow
    let prepare: () throws -> BenchSelfTimedBody

    /// A throughput row.
    init(_ op: String, bytes: Int, prepare: @escaping () throws -> BenchBody) {
        row = BenchRow(op: op, bytes: bytes)
        self.prepare = { Self.timedWhole(try prepare()) }
    }

    /// A key-operation row.
    init(_ op: String, prepare: @escaping () throws -> BenchBody) {
        row = BenchRow(op: op, bytes: nil)
        self.prepare = { Self.timedWhole(try prepare()) }
    }

    /// A packet row of `bytes` payload bytes under `profile`, whose body times itself.
    init(_ op: String, profile: String, bytes: Int, prepare: @escaping () throws -> BenchSelfTimedBody) {
        row = BenchRow(op: op, bytes: bytes, profile: profile)
        self.prepare = prepare
    }

    /// A body timed from its first to its last iteration.
    private static func timedWhole(_ body: @escaping BenchBody) -> BenchSelfTimedBody {
        { iterations, stopwatch in try stopwatch.measure { try body(iterations) } }
    }
}

/// A group of rows owned by one area of Brook.
protocol BenchSuite: Sendable {
    /// The rows, in report order.
    static var cases: [BenchCase] { get }
}

enum BenchRegistry {
    /// Every group, in report order. A new area adds its suite here.
    static let suites: [any BenchSuite.Type] = [CryptoBenchSuite.self, SRTPBenchSuite.self, STUNBenchSuite.self]

    /// The rows whose op or profile contains one of `filters` (all rows when there is none).
    static func cases(matching filters: [String]) -> [BenchCase] {
        suites.flatMap { $0.cases }.filter { c in filters.isEmpty || filters.contains(where: c.row.matches) }
    }
}
