/// Runs a Wycheproof file: each test group is handed to the group kind named by its `type`; the
/// outcome of each test is scored against its `result` (see `VectorFileReport.record`).
struct WycheproofRunner {
    var backend: CryptoBackend

    /// How one group is run: every test through `check`, or every test skipped for one reason.
    enum GroupPlan {
        case check((WycheproofTest) throws(MalformedTest) -> Observation)
        case skip(String)
    }

    /// A Wycheproof group `type` the runner understands, and how to plan a group of it.
    struct GroupKind: Sendable {
        var type: String
        var plan: @Sendable (_ group: WycheproofGroup, _ file: WycheproofFile, _ backend: CryptoBackend) throws(MalformedTest) -> GroupPlan
    }

    /// Every supported group type.
    static let kinds: [String: GroupKind] = Dictionary(
        uniqueKeysWithValues: [
            GroupKind.aead, .ecdhPoint, .ecdhASN, .ecdsaDER, .ecdsaP1363, .xdh, .mac,
        ].map { ($0.type, $0) }
    )

    func run(_ file: WycheproofFile) throws(VectorSuiteError) -> VectorFileReport {
        // Refuse the whole file before running anything if one of its group types is unknown.
        for group in file.groups where Self.kinds[group.type] == nil {
            let schema = file.schema.isEmpty ? "" : " (schema \(file.schema))"
            throw .unsupported(fileName: file.fileName, reason: "Wycheproof test type \"\(group.type)\"\(schema) is not supported")
        }
        var report = VectorFileReport(fileName: file.fileName)
        for group in file.groups {
            let plan: GroupPlan
            do {
                plan = try Self.kinds[group.type]!.plan(group, file, backend)
            } catch {
                for test in group.tests { report.recordFailure(test.caseID, "malformed group: \(error)") }
                continue
            }
            switch plan {
            case .skip(let reason):
                report.recordSkip(reason, count: group.tests.count)
            case .check(let check):
                for test in group.tests {
                    do {
                        let expected = try test.expectation()
                        report.record(try check(test), expected: expected, caseID: test.caseID, flags: test.flags)
                    } catch {
                        report.recordFailure(test.caseID, "malformed test: \(error)")
                    }
                }
            }
        }
        return report
    }
}

/// The reason given when an algorithm the runners know is not in this build of BrookCrypto.
func notBuilt(_ algorithm: String) -> String {
    "\(algorithm) is not built into BrookCrypto"
}

/// Wycheproof BigInt (big-endian two's complement, positive here) → a `count`-byte big-endian value:
/// leading zero bytes dropped, then left-padded. Nil when the value needs more than `count` bytes.
func fixedWidth(_ bigInt: [UInt8], count: Int) -> [UInt8]? {
    let significant = bigInt.drop { $0 == 0 }
    guard significant.count <= count else { return nil }
    return [UInt8](repeating: 0, count: count - significant.count) + significant
}
