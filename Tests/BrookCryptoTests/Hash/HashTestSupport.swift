import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// The four hashes under test, by name, so one test body can cover all of them.
enum HashAlgorithm: String, CaseIterable, CustomStringConvertible, Sendable {
    case sha1, sha256, sha384, sha512

    var description: String { rawValue }

    /// The section name used in Vectors/sha-fips180-examples.txt.
    var fipsName: String {
        switch self {
        case .sha1: "SHA-1"
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        }
    }

    var digestByteCount: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: message))
        case .sha256: Array(SHA256.hash(data: message))
        case .sha384: Array(SHA384.hash(data: message))
        case .sha512: Array(SHA512.hash(data: message))
        }
    }

    /// The digest of `message` fed in the pieces given by `splits` (cut points in order).
    func hash(_ message: [UInt8], splitAt splits: [Int]) -> [UInt8] {
        switch self {
        case .sha1: feed(Insecure.SHA1(), message, splits)
        case .sha256: feed(SHA256(), message, splits)
        case .sha384: feed(SHA384(), message, splits)
        case .sha512: feed(SHA512(), message, splits)
        }
    }

    /// The digest of `piece` repeated `count` times, fed piece by piece.
    func hash(repeating piece: [UInt8], count: Int) -> [UInt8] {
        func run<H: HashFunction>(_ hasher: H) -> [UInt8] {
            var hasher = hasher
            for _ in 0..<count { hasher.update(data: piece) }
            return Array(hasher.finalize())
        }
        switch self {
        case .sha1: return run(Insecure.SHA1())
        case .sha256: return run(SHA256())
        case .sha384: return run(SHA384())
        case .sha512: return run(SHA512())
        }
    }

    func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch self {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha384: return Array(HMAC<SHA384>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }

    private func feed<H: HashFunction>(_ hasher: H, _ message: [UInt8], _ splits: [Int]) -> [UInt8] {
        var hasher = hasher
        var start = 0
        for cut in splits + [message.count] {
            message[start..<cut].withUnsafeBytes { hasher.update(bufferPointer: $0) }
            start = cut
        }
        return Array(hasher.finalize())
    }
}

/// Reading vector files and talking to the Python oracle.
enum VectorSupport {
    static func rsp(_ url: URL?, sourceLocation: SourceLocation = #_sourceLocation) throws -> RSPFile? {
        guard let url else { return nil }
        let text = try #require(
            try? String(contentsOf: url, encoding: .utf8), "cannot read \(url.path)", sourceLocation: sourceLocation)
        // CAVP files use CRLF, which Swift treats as one Character; normalize before parsing.
        return RSPFile(text: text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// The message of a CAVP SHA record: `Len` is in bits, and `Len = 0` comes with `Msg = 00`.
    static func cavpMessage(_ record: RSPFile.Record) -> [UInt8]? {
        guard let bits = record.int("Len"), let msg = record.bytes("Msg") else { return nil }
        return Array(msg.prefix(bits / 8))
    }

    static var oraclesDirectory: URL {
        TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles")
    }

    /// Sends every request to `Tests/Oracles/<script>` in one process; returns one object per request.
    /// Nil (with a CI failure) when Python is unavailable.
    static func oracle(_ script: String, _ requests: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: String]]? {
        var input = [UInt8]()
        for request in requests {
            input += try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])
            input.append(0x0A)
        }
        let path = oraclesDirectory.appendingPathComponent(script).path
        guard TestEnvironment.require(ExternalProcess.which(TestEnvironment.python), "Python (\(TestEnvironment.python))", sourceLocation: sourceLocation) != nil else {
            return nil
        }
        let result = try ExternalProcess.run(TestEnvironment.python, [path], input: input)
        let lines = result.stdoutText.split(separator: "\n")
        return try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: String], sourceLocation: sourceLocation)
        }
    }
}
