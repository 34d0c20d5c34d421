// The rows `brook bench` measures, as a registry: each group of rows (crypto today; SRTP, STUN and DTLS
// later) is a `BenchSuite` listed in `BenchRegistry.suites`, so new rows plug in without touching the
// timing, the reference runs or the report.

/// One row of the report: an operation name (issue 3's family, e.g. `aes-128-gcm-seal`) and, for a
/// throughput row, the message size in bytes. Rows without a size are key operations, in ops/s.
struct BenchRow: Hashable, Sendable {
    let op: String
    let bytes: Int?

    /// MB/s (10^6 bytes per second) for throughput rows, ops/s for key operations.
    var unit: String { bytes == nil ? "ops/s" : "MB/s" }
}

/// The body of a measurement: runs the operation `iterations` times on state prepared beforehand.
typealias BenchBody = (_ iterations: Int) throws -> Void

/// A row measured on Brook: `prepare` builds keys and buffers once (outside the timing) and returns
/// the body that is timed.
struct BenchCase {
    let row: BenchRow
    let prepare: () throws -> BenchBody

    /// A throughput row.
    init(_ op: String, bytes: Int, prepare: @escaping () throws -> BenchBody) {
        row = BenchRow(op: op, bytes: bytes)
        self.prepare = prepare
    }

    /// A key-operation row.
    init(_ op: String, prepare: @escaping () throws -> BenchBody) {
        row = BenchRow(op: op, bytes: nil)
        self.prepare = prepare
    }
}

/// A group of rows owned by one area of Brook.
protocol BenchSuite: Sendable {
    /// The rows, in report order.
    static var cases: [BenchCase] { get }
}

enum BenchRegistry {
    /// Every group, in report order. A new area adds its suite here.
    static let suites: [any BenchSuite.Type] = [CryptoBenchSuite.self]

    /// The rows whose op contains one of `filters` (all rows when there is none).
    static func cases(matching filters: [String]) -> [BenchCase] {
        suites.flatMap { $0.cases }.filter { c in filters.isEmpty || filters.contains { c.row.op.contains($0) } }
    }
}
