import Foundation

/// Runs test-vector files against BrookCrypto: Project Wycheproof JSON files and NIST CAVP response
/// files. The kind of a file is told from its content (JSON or `.rsp` text) and, for CAVP, from the
/// fields of its records.
public enum VectorSuite {
    /// Runs the file at `path` and reports every case.
    public static func run(file path: String) throws(VectorSuiteError) -> VectorFileReport {
        try run(file: path, backend: .brook)
    }

    static func run(file path: String, backend: CryptoBackend) throws(VectorSuiteError) -> VectorFileReport {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let contents: Data
        do {
            contents = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(fileName: fileName, reason: readFailureReason(path: path, error: error))
        }
        return try run(contents: [UInt8](contents), fileName: fileName, backend: backend)
    }

    /// Runs a file's bytes; `fileName` names it in the report and in errors.
    static func run(contents: [UInt8], fileName: String, backend: CryptoBackend) throws(VectorSuiteError) -> VectorFileReport {
        let firstSignificant = contents.first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
        if firstSignificant == UInt8(ascii: "{") {
            let file = try WycheproofFile(json: contents, fileName: fileName)
            return try WycheproofRunner(backend: backend).run(file)
        }
        guard let text = String(validating: contents, as: UTF8.self) else {
            throw .unsupported(fileName: fileName, reason: "neither Wycheproof JSON nor CAVP text (not UTF-8)")
        }
        return try CAVPRunner(backend: backend).run(RSPFile(text: text), fileName: fileName)
    }

    private static func readFailureReason(path: String, error: any Error) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        return (error as NSError).localizedDescription
    }
}
