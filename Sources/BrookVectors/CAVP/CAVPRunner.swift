/// Runs a NIST CAVP response file: AES-GCM (`gcmEncryptExtIV*.rsp`, `gcmDecrypt*.rsp`) or ECDSA
/// (`SigVer.rsp`, `SigGen.rsp`/`SigGen.txt`). The kind is told by the file name when it says, else by
/// the fields of the records.
struct CAVPRunner {
    var backend: CryptoBackend

    enum Kind {
        case gcm
        case ecdsa

        /// The fields a record of this kind must have.
        var requiredFields: [String] {
            switch self {
            case .gcm: ["Key", "IV", "AAD", "CT", "Tag"]
            case .ecdsa: ["Msg", "Qx", "Qy", "R", "S"]
            }
        }

        var name: String {
            switch self {
            case .gcm: "AES-GCM"
            case .ecdsa: "ECDSA"
            }
        }

        func matches(_ record: RSPFile.Record) -> Bool {
            requiredFields.allSatisfy(record.has)
        }
    }

    func run(_ file: RSPFile, fileName: String) throws(VectorSuiteError) -> VectorFileReport {
        guard let kind = Self.kind(of: file, fileName: fileName) else {
            throw .unsupported(
                fileName: fileName,
                reason: "no AES-GCM (Key, IV, AAD, CT, Tag) or ECDSA (Msg, Qx, Qy, R, S) records found")
        }
        var report = VectorFileReport(fileName: fileName)
        for record in file.records {
            guard kind.matches(record) else {
                report.recordSkip("\(kind.name) record without all of \(kind.requiredFields.joined(separator: ", "))")
                continue
            }
            let caseID = Self.caseID(record)
            switch kind {
            case .gcm: checkGCM(record, caseID: caseID, into: &report)
            case .ecdsa: checkECDSA(record, caseID: caseID, into: &report)
            }
        }
        return report
    }

    static func kind(of file: RSPFile, fileName: String) -> Kind? {
        let name = fileName.lowercased()
        if name.hasPrefix("gcm") { return .gcm }
        if name.hasPrefix("sigver") || name.hasPrefix("siggen") { return .ecdsa }
        if file.records.contains(where: Kind.gcm.matches) { return .gcm }
        if file.records.contains(where: Kind.ecdsa.matches) { return .ecdsa }
        return nil
    }

    /// `Count 3 [P-256,SHA-256] (line 1200)`: Count repeats across sections, so the sections and
    /// the line make the name unique.
    static func caseID(_ record: RSPFile.Record) -> String {
        let count = record["Count"] ?? record["COUNT"]
        let sections = record.sections.map { "[\($0)]" }.joined()
        return [count.map { "Count \($0)" }, sections.isEmpty ? nil : sections, "(line \(record.line))"]
            .compactMap { $0 }.joined(separator: " ")
    }
}

/// A hex field of a CAVP record as bytes; throws when it is missing or not hex.
func cavpBytes(_ record: RSPFile.Record, _ name: String) throws(MalformedTest) -> [UInt8] {
    guard let value = record[name] else { throw MalformedTest(description: "missing field \(name)") }
    guard let bytes = Hex.decode(value) else { throw MalformedTest(description: "field \(name) is not hex") }
    return bytes
}
