// The speed targets of issues 3 and 5, as ratios to a reference measured in the same run. `brook bench`
// prints them beside the figures; they are never checked in a unit test (timing is not a test).

/// "Brook's figure is at least `ratio` times the reference's" on the rows it names.
struct BenchGoal: Sendable {
    enum Kind: Sendable { case minimum, aim }

    let kind: Kind
    let reference: String
    let ratio: Double
    let ops: Set<String>
    /// Sizes the goal covers (nil: every size, and key operations).
    let sizes: Set<Int>?
    /// SRTP profiles the goal covers (nil: rows without a profile).
    var profiles: Set<String>? = nil

    func covers(_ row: BenchRow) -> Bool {
        guard ops.contains(row.op) else { return false }
        if let profiles {
            guard let profile = row.profile, profiles.contains(profile) else { return false }
        } else if row.profile != nil {
            return false
        }
        guard let sizes else { return true }
        return row.bytes.map(sizes.contains) ?? false
    }

    /// `≥2× bearssl` for a minimum, `aim 4× bearssl` for an aim.
    var label: String {
        let figure = ratio == ratio.rounded() ? String(Int(ratio)) : String(ratio)
        return (kind == .minimum ? "≥" : "aim ") + "\(figure)× \(reference)"
    }
}

enum BenchTargets {
    static let goals: [BenchGoal] = [
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 2, ops: ["aes-128-gcm-seal"], sizes: [1200, 16384]),
        BenchGoal(kind: .aim, reference: "bearssl", ratio: 4, ops: ["aes-128-gcm-seal"], sizes: [1200, 16384]),
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 1.5, ops: ["chacha20-poly1305-seal"], sizes: [1200, 16384]),
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 3, ops: ["p256-ecdh", "p256-sign", "p256-verify"], sizes: nil),
        BenchGoal(kind: .aim, reference: "swift-crypto", ratio: 0.5, ops: ["p256-ecdh", "p256-sign", "p256-verify"], sizes: nil),
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 1, ops: ["x25519"], sizes: nil),
        BenchGoal(kind: .aim, reference: "bearssl", ratio: 2, ops: ["x25519"], sizes: nil),
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 1.3, ops: ["sha1", "hmac-sha1"], sizes: nil),
        BenchGoal(kind: .minimum, reference: "bearssl", ratio: 1, ops: ["sha256"], sizes: nil),
        // Issue 5: against Debian's libsrtp2 (NSS underneath, with AES-NI and SHA extensions).
        BenchGoal(kind: .minimum, reference: "libsrtp2", ratio: 0.4, ops: SRTPBenchSuite.ops, sizes: nil,
                  profiles: ["AES_CM_128_HMAC_SHA1_80"]),
        BenchGoal(kind: .minimum, reference: "libsrtp2", ratio: 0.1, ops: SRTPBenchSuite.ops, sizes: nil,
                  profiles: ["AEAD_AES_128_GCM"]),
    ]

    static func goals(for row: BenchRow) -> [BenchGoal] { goals.filter { $0.covers(row) } }
}
