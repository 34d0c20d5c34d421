extension CAVPRunner {
    /// NIST ECDSA2VS: `SigVer` records carry `Result = P` (must verify) or `F (reason)` (must not);
    /// `SigGen` records have no `Result` and their R, S must verify. `Msg` is the whole message.
    /// Sections are `[curve,hash]` (FIPS 186-3) or `[curve]` (186-2, SHA-1); only
    /// `[P-256,SHA-256]` is checked, the rest are skipped.
    func checkECDSA(_ record: RSPFile.Record, caseID: String, into report: inout VectorFileReport) {
        let section = record.sections.last ?? ""
        let parts = section.split(separator: ",").map { String($0.trimmingWhitespace()) }
        let curve = parts.first.flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed curve"
        let hash = parts.count > 1 ? parts[1] : "SHA-1"
        // Coarse reasons: a CAVP file has some 75 curve/hash sections.
        guard curve == "P-256" else {
            report.recordSkip("ECDSA on curves other than P-256 is not implemented")
            return
        }
        guard hash == "SHA-256" else {
            report.recordSkip("ECDSA P-256 with hashes other than SHA-256 is not implemented")
            return
        }
        guard let verify = backend.p256Verify else {
            report.recordSkip(notBuilt("P-256 ECDSA"))
            return
        }
        let expected: Expectation
        if let result = record["Result"] {
            expected = result.hasPrefix("P") ? .valid : .invalid
        } else {
            expected = .valid
        }
        do throws(MalformedTest) {
            let message = try cavpBytes(record, "Msg")
            let values = try ["Qx", "Qy", "R", "S"].map { (name) throws(MalformedTest) in
                guard let value = fixedWidth(try cavpBytes(record, name), count: 32) else {
                    throw MalformedTest(description: "\(name) is longer than 32 bytes")
                }
                return value
            }
            let observation: Observation
            do {
                let valid = try verify([0x04] + values[0] + values[1], .x963, values[2] + values[3], .raw, message)
                observation = valid ? .accepted : .rejected("signature does not verify")
            } catch {
                observation = .rejected(describe(error))
            }
            report.record(observation, expected: expected, caseID: caseID)
        } catch {
            report.recordFailure(caseID, "malformed record: \(error)")
        }
    }
}
