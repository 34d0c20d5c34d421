import Foundation
import Testing

/// Writes test-made vector files to a fresh temporary directory.
struct VectorFixtures {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("brook-vectors-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes a Wycheproof-shaped JSON file.
    func writeWycheproof(_ name: String, algorithm: String, groups: [[String: Any]]) throws -> String {
        let top: [String: Any] = [
            "algorithm": algorithm, "schema": "test_schema.json", "numberOfTests": 0,
            "header": [], "notes": [:], "testGroups": groups,
        ]
        let data = try JSONSerialization.data(withJSONObject: top, options: [.sortedKeys])
        return try write(name, String(decoding: data, as: UTF8.self))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A Wycheproof test object.
func wycheproofTest(_ tcId: Int, _ result: String, flags: [String] = [], _ fields: [String: String]) -> [String: Any] {
    var test: [String: Any] = ["tcId": tcId, "comment": "", "flags": flags, "result": result]
    for (name, value) in fields { test[name] = value }
    return test
}
