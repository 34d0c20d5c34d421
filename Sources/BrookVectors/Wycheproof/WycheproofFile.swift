import Foundation

/// A Project Wycheproof test-vector file (`testvectors_v1/*.json`): the algorithm, the schema and the
/// test groups, each a group of parameters plus a list of tests. Fields are kept as parsed JSON and
/// read on demand by the group kinds, since each schema has its own.
struct WycheproofFile {
    var fileName: String
    var algorithm: String
    var schema: String
    var groups: [WycheproofGroup]

    init(json: [UInt8], fileName: String) throws(VectorSuiteError) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(json))
        } catch {
            throw .malformed(fileName: fileName, reason: "not valid JSON")
        }
        guard let top = parsed as? [String: Any], let groups = top["testGroups"] as? [[String: Any]] else {
            throw .malformed(fileName: fileName, reason: "no testGroups list: not a Wycheproof vector file")
        }
        self.fileName = fileName
        self.algorithm = top["algorithm"] as? String ?? ""
        self.schema = top["schema"] as? String ?? ""
        self.groups = try groups.map { (group) throws(VectorSuiteError) in
            guard let tests = group["tests"] as? [[String: Any]] else {
                throw .malformed(fileName: fileName, reason: "a test group has no tests list")
            }
            return WycheproofGroup(fields: group, tests: try tests.map { (test) throws(VectorSuiteError) in
                guard let tcId = jsonInt(test["tcId"]) else {
                    throw .malformed(fileName: fileName, reason: "a test has no integer tcId")
                }
                return WycheproofTest(tcId: tcId, fields: test)
            })
        }
    }
}

/// A test case's data is unusable (a missing or non-hex field). The case is reported as failed.
struct MalformedTest: Error, CustomStringConvertible {
    var description: String
}

/// One `testGroups` entry: its `type`, the group parameters, and its tests.
struct WycheproofGroup {
    var fields: [String: Any]
    var tests: [WycheproofTest]

    var type: String { fields["type"] as? String ?? "" }

    func string(_ name: String) -> String? { fields[name] as? String }

    func int(_ name: String) -> Int? { jsonInt(fields[name]) }

    /// A nested object's string field, e.g. `publicKey.uncompressed`.
    func string(_ object: String, _ name: String) -> String? {
        (fields[object] as? [String: Any])?[name] as? String
    }
}

/// One test: `tcId`, `result`, `flags`, `comment` and the schema's data fields.
struct WycheproofTest {
    var tcId: Int
    var fields: [String: Any]

    var caseID: String { "tcId \(tcId)" }
    var flags: [String] { fields["flags"] as? [String] ?? [] }
    var comment: String { fields["comment"] as? String ?? "" }

    /// `valid`, `invalid` or `acceptable`.
    func expectation() throws(MalformedTest) -> Expectation {
        guard let text = fields["result"] as? String, let value = Expectation(rawValue: text) else {
            throw MalformedTest(description: "result is not valid, invalid or acceptable")
        }
        return value
    }

    /// A hex field as bytes (`""` is empty).
    func bytes(_ name: String) throws(MalformedTest) -> [UInt8] {
        guard let text = fields[name] as? String else {
            throw MalformedTest(description: "missing field \(name)")
        }
        guard let bytes = Hex.decode(text) else {
            throw MalformedTest(description: "field \(name) is not hex")
        }
        return bytes
    }
}

/// A JSON number as an Int (JSONSerialization may hand back Int, Double or NSNumber).
func jsonInt(_ value: Any?) -> Int? {
    switch value {
    case let int as Int: int
    case let double as Double where double.rounded() == double: Int(exactly: double)
    case let number as NSNumber: number.intValue
    default: nil
    }
}
