extension CAVPRunner {
    /// NIST GCMVS: a record with `PT` must seal to `CT`‖`Tag` (a tag of `Tag`'s length, 4...16 bytes)
    /// and open back to `PT`; a record marked `FAIL` must not open. Encrypt and decrypt files share
    /// this layout, so both directions are checked on both.
    func checkGCM(_ record: RSPFile.Record, caseID: String, into report: inout VectorFileReport) {
        guard let aead = backend.aeads["AES-GCM"] else {
            report.recordSkip(notBuilt("AES-GCM"))
            return
        }
        do throws(MalformedTest) {
            let key = try cavpBytes(record, "Key"), iv = try cavpBytes(record, "IV")
            let aad = try cavpBytes(record, "AAD"), ct = try cavpBytes(record, "CT"), tag = try cavpBytes(record, "Tag")
            let fails = record.has("FAIL")
            let pt: [UInt8] = fails ? [] : try cavpBytes(record, "PT")
            let observation = checkAEAD(aead, key: key, nonce: iv, aad: aad, message: pt, ciphertext: ct, tag: tag, sealing: !fails)
            report.record(observation, expected: fails ? .invalid : .valid, caseID: caseID)
        } catch {
            report.recordFailure(caseID, "malformed record: \(error)")
        }
    }
}
