import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

/// Shared helpers for the AES suites.
enum AESTestSupport {
    /// Records of a CAVP file from cryptography-vectors, or nil (skip outside CI, failure under CI).
    static func cavpRecords(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [RSPFile.Record]? {
        guard let url = TestEnvironment.cavpFile(path, sourceLocation: sourceLocation) else { return nil }
        // The GCM .rsp files use CRLF; "\r\n" is one Character in Swift, so RSPFile (which splits
        // on "\n") would see a single line. Normalize first.
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        return RSPFile(text: text).records
    }

    /// ECB encryption of whole blocks through the four-block fixsliced core (one call per 4 blocks).
    static func ecbEncrypt(_ data: [UInt8], key: [UInt8]) throws -> [UInt8] {
        precondition(data.count % 16 == 0)
        let keys = try AESRoundKeys(key: key)
        var out = data
        var chunk = [UInt8](repeating: 0, count: 64)
        var offset = 0
        while offset < out.count {
            let n = min(64, out.count - offset)
            for i in 0..<64 { chunk[i] = i < n ? out[offset + i] : 0 }
            chunk.withUnsafeMutableBytes { keys.encrypt4($0.baseAddress!, $0.baseAddress!) }
            for i in 0..<n { out[offset + i] = chunk[i] }
            offset += n
        }
        return out
    }

    /// In-place GCM seal through `PreparedKey`, returning ct and a tag of `tagCount` bytes.
    static func seal(_ key: AES.GCM.PreparedKey, _ pt: [UInt8], nonce: [UInt8], aad: [UInt8], tagCount: Int) throws(CryptoKitError) -> ([UInt8], [UInt8]) {
        var buffer = pt
        var tag = [UInt8](repeating: 0, count: tagCount)
        let result: Result<Void, CryptoKitError> = buffer.withUnsafeMutableBytes { b in
            tag.withUnsafeMutableBytes { t in
                nonce.withUnsafeBytes { n in
                    aad.withUnsafeBytes { a in
                        do throws(CryptoKitError) {
                            try key.seal(inPlace: b, nonce: n, authenticating: a, tag: t)
                            return .success(())
                        } catch { return .failure(error) }
                    }
                }
            }
        }
        try result.get()
        return (buffer, tag)
    }

    /// In-place GCM open through `PreparedKey`; `buffer` is the ciphertext and becomes the plaintext.
    static func open(_ key: AES.GCM.PreparedKey, _ buffer: inout [UInt8], nonce: [UInt8], aad: [UInt8], tag: [UInt8]) throws(CryptoKitError) {
        let result: Result<Void, CryptoKitError> = buffer.withUnsafeMutableBytes { b in
            tag.withUnsafeBytes { t in
                nonce.withUnsafeBytes { n in
                    aad.withUnsafeBytes { a in
                        do throws(CryptoKitError) {
                            try key.open(inPlace: b, nonce: n, authenticating: a, tag: t)
                            return .success(())
                        } catch { return .failure(error) }
                    }
                }
            }
        }
        try result.get()
    }

    /// The large CAVP GCM sets are sampled (every 7th entry) in an unoptimized build to keep
    /// `swift test` quick; an optimized build (what CI runs), or BROOK_FULL_VECTORS=1, checks every entry.
    static var samplingStride: Int {
        if ProcessInfo.processInfo.environment["BROOK_FULL_VECTORS"] == "1" { return 1 }
        #if DEBUG
        return 7
        #else
        return 1
        #endif
    }
}
