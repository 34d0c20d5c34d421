import Foundation
import Testing

/// `brook dtls bench --quick`: the lines and JSON fields scripts rely on, and the crypto counts of
/// one handshake (both sides: an ECDHE key pair and an agreement each, two ECDSA signatures and
/// two verifications, RFC 5246 §7.4.3, §7.4.8). Never a timing threshold.
@Suite struct DTLSBenchCommandTests {
    static let suites = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                         "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"]

    static func run(_ arguments: [String]) throws -> CommandProcess {
        let process = try CommandProcess(CommandEnvironment.brook, ["dtls", "bench", "--quick"] + arguments)
        process.closeInput()
        #expect(process.waitForExit(seconds: 600) == 0, "\(process.stderr)")
        return process
    }

    @Test("--json: one object per line, every suite × group, the crypto counts, memory per connection")
    func json() throws {
        let process = try Self.run(["--json"])
        let objects = try process.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        func number(_ value: Any?) -> Double? {
            switch value {
            case let value as Double: value
            case let value as Int: Double(value)
            case let value as NSNumber: value.doubleValue
            default: nil
            }
        }
        let handshakes = objects.filter { $0["op"] as? String == "dtls-handshake" }
        #expect(Set(handshakes.map { "\($0["suite"] ?? "") \($0["group"] ?? "")" })
                == Set(Self.suites.flatMap { ["\($0) x25519", "\($0) secp256r1"] }))
        for row in handshakes {
            for field in ["handshakes_per_s", "ms_per_handshake", "crypto_ms", "crypto_together_ms", "overhead_percent",
                          "overhead_together_percent"] {
                #expect(number(row[field]) != nil, "\(field) in \(row)")
            }
            #expect(number(row["handshakes_per_s"]).map { $0 > 0 } == true)
            let crypto = try #require(row["crypto"] as? [String: [String: Any]], "\(row)")
            func count(_ name: String) -> Int? { number(crypto[name]?["count"]).map { Int($0) } }
            let group = row["group"] as? String
            let prefix = group == "x25519" ? "x25519" : "p256"
            #expect(count("\(prefix)-keygen") == 2 && count(group == "x25519" ? "x25519-agreement" : "p256-ecdh") == 2, "\(crypto)")
            #expect(count("p256-sign-server-key-exchange") == 1 && count("p256-sign-certificate-verify") == 1, "\(crypto)")
            #expect(count("p256-verify-server-key-exchange") == 1 && count("p256-verify-certificate-verify") == 1, "\(crypto)")
            // RFC 5246: master secret, key block, two Finished each side, two exports (the connected event's SRTP keys).
            #expect((count("prf") ?? 0) >= 8, "\(crypto)")
        }
        let throughput = objects.filter { $0["op"] as? String == "dtls-throughput" }
        #expect(Set(throughput.compactMap { $0["suite"] as? String }) == Set(Self.suites))
        #expect(throughput.allSatisfy { number($0["mb_per_s"]).map { $0 > 0 } == true && number($0["bytes"]) == 1200 })
        let memory = objects.filter { $0["op"] as? String == "dtls-memory" }
        #expect(Set(memory.compactMap { $0["state"] as? String }) == ["handshaking", "established"])
        #expect(memory.allSatisfy { number($0["bytes_per_connection"]).map { $0 > 0 } == true }, "\(memory)")
        #expect(objects.contains { $0["op"] as? String == "dtls-handshakes" })
    }

    @Test("text: the handshakes, handshake, crypto, throughput and memory lines")
    func text() throws {
        let lines = try Self.run([]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("handshakes: 20 in ") == true, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("handshake: ") && $0.contains("% (") && $0.contains("protocol overhead ") }.count == 6, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("  crypto: ") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("throughput: ") && $0.contains(" MB/s sealed and opened (") }.count == 3)
        #expect(lines.last?.hasPrefix("memory: ") == true && lines.last?.contains(" bytes per connection mid-handshake, ") == true)
    }
}
