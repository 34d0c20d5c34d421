import BrookCrypto

/// The agent's own random source: SHA-256 over a 256-bit key drawn once from the injected generator
/// and a counter. Transaction IDs, tie-breakers and credentials come from it, so they are unpredictable
/// whenever the injected generator is, and reproducible when a test seeds it.
struct AgentRandom: RandomNumberGenerator, Sendable {
    private var key: [UInt8]
    private var counter: UInt64 = 0
    private var block: [UInt64] = []

    init(seeding rng: inout some RandomNumberGenerator) {
        key = (0..<4).flatMap { _ -> [UInt8] in
            let word = rng.next()
            return (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
        }
    }

    mutating func next() -> UInt64 {
        if block.isEmpty {
            var hasher = SHA256()
            hasher.update(data: key)
            hasher.update(data: (0..<8).map { UInt8(truncatingIfNeeded: counter >> (8 * $0)) })
            counter &+= 1
            let digest = Array(hasher.finalize())
            block = (0..<4).map { word in (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(digest[word * 8 + $1]) } }
        }
        return block.removeLast()
    }
}
