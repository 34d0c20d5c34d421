// One measured figure and its JSON line, the contract of issues 3 and 5 shared by `brook bench --json`
// and every reference program:
//   {"op": "aes-128-gcm-seal", "bytes": 16384, "impl": "brook", "mb_per_s": 123.4}
//   {"op": "p256-sign", "impl": "brook", "ops_per_s": 4567.8}
//   {"op": "srtp-protect", "profile": "AES_CM_128_HMAC_SHA1_80", "bytes": 1200, "impl": "brook",
//    "packets_per_s": 98765.4, "mb_per_s": 118.5}
import Foundation

struct BenchResult: Sendable {
    /// The `impl` values the schema allows.
    static let implementations = ["brook", "openssl", "openssl-nohw", "swift-crypto", "bearssl", "libsrtp2"]

    let row: BenchRow
    let impl: String
    /// MB/s (10^6 bytes) for throughput and packet rows, ops/s for key operations.
    let rate: Double
    /// Packets per second, for a packet row (one with a profile); its `rate` counts the payload bytes.
    var packetsPerSecond: Double? = nil

    var jsonLine: String {
        let figure = String(format: "%.1f", rate)
        if let profile = row.profile, let bytes = row.bytes, let packetsPerSecond {
            let packets = String(format: "%.1f", packetsPerSecond)
            return "{\"op\": \"\(row.op)\", \"profile\": \"\(profile)\", \"bytes\": \(bytes), \"impl\": \"\(impl)\", "
                + "\"packets_per_s\": \(packets), \"mb_per_s\": \(figure)}"
        }
        if let bytes = row.bytes {
            return "{\"op\": \"\(row.op)\", \"bytes\": \(bytes), \"impl\": \"\(impl)\", \"mb_per_s\": \(figure)}"
        }
        return "{\"op\": \"\(row.op)\", \"impl\": \"\(impl)\", \"ops_per_s\": \(figure)}"
    }
}

extension BenchResult {
    init(row: BenchRow, impl: String, operationsPerSecond: Double) {
        self.init(
            row: row, impl: impl, rate: row.bytes.map { operationsPerSecond * Double($0) / 1e6 } ?? operationsPerSecond,
            packetsPerSecond: row.profile == nil ? nil : operationsPerSecond)
    }

    /// Parses a reference program's line, accepting exactly the schema's three shapes.
    init(jsonLine line: String) throws(BenchError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw .reference("not a JSON object: \(line)")
        }
        let keys = Set(object.keys)
        guard let op = object["op"] as? String, !op.isEmpty, let impl = object["impl"] as? String,
              Self.implementations.contains(impl)
        else { throw .reference("bad op or impl: \(line)") }
        if keys == ["op", "profile", "bytes", "impl", "packets_per_s", "mb_per_s"],
           let profile = object["profile"] as? String, !profile.isEmpty, let bytes = object["bytes"] as? Int, bytes > 0,
           let packets = object["packets_per_s"] as? Double, packets.isFinite, packets >= 0,
           let rate = object["mb_per_s"] as? Double, rate.isFinite, rate >= 0 {
            self.init(row: BenchRow(op: op, bytes: bytes, profile: profile), impl: impl, rate: rate, packetsPerSecond: packets)
        } else if keys == ["op", "bytes", "impl", "mb_per_s"], let bytes = object["bytes"] as? Int, bytes > 0,
           let rate = object["mb_per_s"] as? Double, rate.isFinite, rate >= 0 {
            self.init(row: BenchRow(op: op, bytes: bytes), impl: impl, rate: rate)
        } else if keys == ["op", "impl", "ops_per_s"], let rate = object["ops_per_s"] as? Double, rate.isFinite, rate >= 0 {
            self.init(row: BenchRow(op: op, bytes: nil), impl: impl, rate: rate)
        } else {
            throw .reference("not of the schema: \(line)")
        }
    }
}
