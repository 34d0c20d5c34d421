import Foundation
import Testing
import BrookTestSupport

/// Runs Tests/Oracles/p256.py (Python `cryptography`) once over a batch of requests.
enum P256Oracle {
    /// One response object per request, or nil (a recorded failure under CI) when Python is missing.
    static func run(_ requests: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]]? {
        guard TestEnvironment.require(ExternalProcess.which(TestEnvironment.python), "Python (\(TestEnvironment.python))",
                                      sourceLocation: sourceLocation) != nil else { return nil }
        var input = [UInt8]()
        for request in requests {
            input += try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])
            input.append(0x0A)
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/p256.py").path
        let output = try ExternalProcess.run(TestEnvironment.python, [script], input: input)
        let responses = try output.stdoutText.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        }
        try #require(responses.count == requests.count, "the oracle answered every request", sourceLocation: sourceLocation)
        return responses
    }
}
