/// What an implementation did with one test case, before comparing with what the file expects.
enum Observation: Sendable, Equatable {
    /// The operation succeeded and produced exactly the expected output (or, for a verification,
    /// the signature or tag was accepted).
    case accepted
    /// The operation succeeded but its output differs from the expected one.
    case wrongOutput(String)
    /// The operation refused the input (error thrown, or a verification said no).
    case rejected(String)
    /// The case was not run (algorithm variant not implemented).
    case skipped(String)
}

/// What a vector file requires of a case (Wycheproof's `result`; CAVP's P/F and FAIL).
enum Expectation: String, Sendable {
    /// Must succeed with exactly the expected output.
    case valid
    /// Must be rejected.
    case invalid
    /// Either outcome is allowed, but an accepted case must give the expected output.
    case acceptable
}

extension VectorFileReport {
    /// Scores one case: compares what happened with what the file requires and records the result.
    mutating func record(_ observation: Observation, expected: Expectation, caseID: String, flags: [String] = []) {
        switch (expected, observation) {
        case (_, .skipped(let reason)):
            recordSkip(reason)
        case (.valid, .accepted), (.invalid, .rejected):
            recordPass()
        case (.valid, .wrongOutput(let detail)):
            recordFailure(caseID, "wrong output on a valid case: \(detail)")
        case (.valid, .rejected(let reason)):
            recordFailure(caseID, "rejected a valid case: \(reason)")
        case (.invalid, .accepted):
            recordFailure(caseID, "accepted an invalid case")
        case (.invalid, .wrongOutput(let detail)):
            recordFailure(caseID, "accepted an invalid case (\(detail))")
        case (.acceptable, .accepted):
            recordPass()
            recordAcceptable(flags: flags, accepted: true)
        case (.acceptable, .rejected):
            recordPass()
            recordAcceptable(flags: flags, accepted: false)
        case (.acceptable, .wrongOutput(let detail)):
            recordFailure(caseID, "accepted an acceptable case with a wrong output: \(detail)")
        }
    }
}

/// Compares an output with the expected bytes: `.accepted` when equal, else `.wrongOutput` naming both.
func compare(_ what: String, got: [UInt8], expected: [UInt8]) -> Observation {
    got == expected ? .accepted : .wrongOutput("\(what) \(Hex.encode(got)), expected \(Hex.encode(expected))")
}

/// A short reason for a thrown error (`CryptoKitError` cases print as their name).
func describe(_ error: any Error) -> String {
    String(describing: error)
}
