import Foundation
import Testing

/// The lines `brook dtls server|client` prints on stderr once connected (the contract of issue 4),
/// parsed and checked for form.
struct HandshakeReport {
    static let cipherSuites = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                               "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"]
    static let groups = ["x25519", "secp256r1"]
    static let srtpProfiles = ["SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AES128_CM_HMAC_SHA1_32",
                               "SRTP_AEAD_AES_128_GCM", "SRTP_AEAD_AES_256_GCM", "none"]
    /// RFC 5764 §4.2: 2 × (master key + master salt) bytes per profile.
    static let profileKeyingLength = ["SRTP_AES128_CM_HMAC_SHA1_80": 60, "SRTP_AES128_CM_HMAC_SHA1_32": 60,
                                      "SRTP_AEAD_AES_128_GCM": 56, "SRTP_AEAD_AES_256_GCM": 88, "none": 60]
    /// The five lines, in order.
    static let prefixes = ["cipher: ", "group: ", "srtp-profile: ", "peer-fingerprint: ", "keying-material: "]

    var cipher: String
    var group: String
    var srtpProfile: String
    var peerFingerprint: String
    /// The exported bytes, decoded from the lowercase hex line.
    var keyingMaterial: [UInt8]

    /// Finds the five lines (consecutive, in order) among `lines` and checks each one's form.
    init(lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let start = try #require(lines.firstIndex { $0.hasPrefix("cipher: ") }, "no cipher: line in \(lines)",
                                 sourceLocation: sourceLocation)
        try #require(lines.count >= start + 5, "\(lines)", sourceLocation: sourceLocation)
        let block = Array(lines[start..<start + 5])
        for (line, prefix) in zip(block, Self.prefixes) {
            try #require(line.hasPrefix(prefix), "expected \(prefix)… in \(block)", sourceLocation: sourceLocation)
        }
        let values = zip(block, Self.prefixes).map { String($0.dropFirst($1.count)) }
        cipher = values[0]
        group = values[1]
        srtpProfile = values[2]
        peerFingerprint = values[3]
        #expect(Self.cipherSuites.contains(cipher), "cipher \(cipher)", sourceLocation: sourceLocation)
        #expect(Self.groups.contains(group), "group \(group)", sourceLocation: sourceLocation)
        #expect(Self.srtpProfiles.contains(srtpProfile), "srtp-profile \(srtpProfile)", sourceLocation: sourceLocation)
        #expect(Self.isFingerprint(peerFingerprint), "peer-fingerprint \(peerFingerprint)", sourceLocation: sourceLocation)
        let hex = values[4]
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) } && hex.count % 2 == 0 && !hex.isEmpty,
                "keying-material \(hex)", sourceLocation: sourceLocation)
        keyingMaterial = Self.bytes(hex: hex)
    }

    /// `sha-256 ` and 32 uppercase hex bytes separated by colons (RFC 8122 §5).
    static func isFingerprint(_ text: String) -> Bool {
        guard text.hasPrefix("sha-256 ") else { return false }
        let pairs = text.dropFirst(8).split(separator: ":", omittingEmptySubsequences: false)
        return pairs.count == 32 && pairs.allSatisfy { $0.count == 2 && $0.allSatisfy { "0123456789ABCDEF".contains($0) } }
    }

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index < hex.endIndex {
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return [] }
            result.append(byte)
            index = next
        }
        return result
    }
}

/// A `brook dtls server` started on a free port, with the address it printed.
struct BrookServer {
    let process: CommandProcess
    /// The `listening:` address (`127.0.0.1:PORT`, `[::1]:PORT`).
    let address: String
    var port: String { String(address.split(separator: ":").last!) }

    init(_ arguments: [String], listen: String = "127.0.0.1:0", sourceLocation: SourceLocation = #_sourceLocation) throws {
        process = try CommandProcess(CommandEnvironment.brook, ["dtls", "server", "--listen", listen] + arguments)
        let line = try #require(process.stderrLine(startingWith: "listening: "), "server: \(process.stderr)",
                                sourceLocation: sourceLocation)
        address = String(line.dropFirst("listening: ".count))
    }
}

func brookClient(_ connect: String, _ arguments: [String]) throws -> CommandProcess {
    try CommandProcess(CommandEnvironment.brook, ["dtls", "client", "--connect", connect] + arguments)
}

/// The lines without the `stats:` lines `--stats-interval` adds.
func withoutStats(_ lines: [String]) -> [String] { lines.filter { !$0.hasPrefix("stats: ") } }

/// The last `stats: {…}` line of `process`, decoded.
func lastStats(_ process: CommandProcess) -> [String: Int]? {
    guard let line = process.stderrLines.last(where: { $0.hasPrefix("stats: ") }),
          let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Int]
    else { return nil }
    return object
}
