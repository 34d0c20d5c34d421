/// What running one vector file found: how many cases passed, failed and were skipped, which cases
/// failed and why, why cases were skipped, and how the Wycheproof "acceptable" cases went per flag.
public struct VectorFileReport: Sendable {
    /// One case that did not behave as the file requires.
    public struct Failure: Sendable, Equatable {
        /// Names the case: `tcId 17` (Wycheproof) or `Count 3 [P-256,SHA-256] (line 1200)` (CAVP).
        public var caseID: String
        /// Why it failed, e.g. `rejected a valid case: authenticationFailure`.
        public var reason: String
    }

    /// How the `acceptable` cases carrying one flag went: accepted (with the expected output) or rejected.
    public struct AcceptableTally: Sendable, Equatable {
        public var accepted = 0
        public var rejected = 0
    }

    /// The file's name without its directory, as printed.
    public var fileName: String
    public private(set) var passed = 0
    public private(set) var failed = 0
    public private(set) var skipped = 0
    /// Failed cases in file order.
    public private(set) var failures: [Failure] = []
    /// Skip reasons with the number of cases each covers, in order of first appearance.
    public private(set) var skipReasons: [(reason: String, count: Int)] = []
    /// Per Wycheproof flag, how the `acceptable` cases carrying it went, sorted by flag.
    public var acceptableByFlag: [(flag: String, tally: AcceptableTally)] {
        acceptable.keys.sorted().map { ($0, acceptable[$0]!) }
    }

    private var acceptable: [String: AcceptableTally] = [:]

    public init(fileName: String) {
        self.fileName = fileName
    }

    mutating func recordPass() { passed += 1 }

    mutating func recordFailure(_ caseID: String, _ reason: String) {
        failed += 1
        failures.append(Failure(caseID: caseID, reason: reason))
    }

    mutating func recordSkip(_ reason: String, count: Int = 1) {
        guard count > 0 else { return }
        skipped += count
        if let i = skipReasons.firstIndex(where: { $0.reason == reason }) {
            skipReasons[i].count += count
        } else {
            skipReasons.append((reason, count))
        }
    }

    mutating func recordAcceptable(flags: [String], accepted: Bool) {
        for flag in flags.isEmpty ? ["(no flag)"] : flags {
            if accepted { acceptable[flag, default: .init()].accepted += 1 }
            else { acceptable[flag, default: .init()].rejected += 1 }
        }
    }

    /// `<file name>: N passed, N failed, N skipped` — the first line printed for a file.
    public var summaryLine: String {
        "\(fileName): \(passed) passed, \(failed) failed, \(skipped) skipped"
    }

    /// Everything `brook vectors` prints for this file: the summary line, then one indented line per
    /// failed case (`  failed <case>: <reason>`), per skip reason (`  skipped <N>: <reason>`) and per
    /// flag of acceptable cases (`  acceptable <flag>: N accepted, N rejected`).
    public var lines: [String] {
        var out = [summaryLine]
        out += failures.map { "  failed \($0.caseID): \($0.reason)" }
        out += skipReasons.map { "  skipped \($0.count): \($0.reason)" }
        out += acceptableByFlag.map {
            "  acceptable \($0.flag): \($0.tally.accepted) accepted, \($0.tally.rejected) rejected"
        }
        return out
    }
}
