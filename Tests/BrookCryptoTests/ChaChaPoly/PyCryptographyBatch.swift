import Foundation
import Testing
import BrookTestSupport

/// Runs one of the scripts in Tests/Oracles/ once with a batch of JSON-line requests and returns its
/// JSON-line answers, in order. Nil (a recorded failure under CI) when no Python is available.
enum PyCryptographyBatch {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ script: String, _ requests: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]]? {
        guard let python = TestEnvironment.require(ExternalProcess.which(TestEnvironment.python),
                                                   "Python with `cryptography` ($BROOK_PYTHON)",
                                                   sourceLocation: sourceLocation) else { return nil }
        let path = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/\(script)").path
        var input = Data()
        for request in requests {
            input.append(try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]))
            input.append(0x0a)
        }
        let result = try ExternalProcess.run(python, [path], input: [UInt8](input))
        let lines = result.stdoutText.split(separator: "\n")
        guard lines.count == requests.count else {
            throw Malformed(description: "\(script): \(lines.count) answers for \(requests.count) requests; stderr: \(result.stderr)")
        }
        return try lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else {
                throw Malformed(description: "\(script): not a JSON object of strings: \(line)")
            }
            return object
        }
    }
}
