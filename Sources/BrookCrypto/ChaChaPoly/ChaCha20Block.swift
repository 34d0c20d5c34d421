// The ChaCha20 block function, one block at a time (RFC 8439 §2.1–2.3): the reference for the
// vectorised four-block path, the short-tail path, and everything on big-endian hosts.

/// The ChaCha20 input that stays fixed for one (key, nonce): words 4–11 (key) and 13–15 (nonce) of
/// the state (RFC 8439 §2.3). The counter (word 12) is passed separately to each block call.
struct ChaCha20State: Sendable {
    // RFC 8439 §2.3: "expand 32-byte k" as four little-endian words.
    static let sigma0: UInt32 = 0x6170_7865
    static let sigma1: UInt32 = 0x3320_646e
    static let sigma2: UInt32 = 0x7962_2d32
    static let sigma3: UInt32 = 0x6b20_6574

    var k0, k1, k2, k3, k4, k5, k6, k7: UInt32
    var n0, n1, n2: UInt32

    /// `key` must hold 32 bytes and `nonce` 12 (checked by the callers).
    init(key: UnsafeRawPointer, nonce: UnsafeRawPointer) {
        self.init(key: key)
        setNonce(nonce)
    }

    /// The state for `key` (32 bytes) with an all-zero nonce.
    init(key: UnsafeRawPointer) {
        k0 = loadLittleEndianUInt32(key, 0)
        k1 = loadLittleEndianUInt32(key, 4)
        k2 = loadLittleEndianUInt32(key, 8)
        k3 = loadLittleEndianUInt32(key, 12)
        k4 = loadLittleEndianUInt32(key, 16)
        k5 = loadLittleEndianUInt32(key, 20)
        k6 = loadLittleEndianUInt32(key, 24)
        k7 = loadLittleEndianUInt32(key, 28)
        n0 = 0
        n1 = 0
        n2 = 0
    }

    /// Sets words 13–15 from the 12-byte `nonce`.
    mutating func setNonce(_ nonce: UnsafeRawPointer) {
        n0 = loadLittleEndianUInt32(nonce, 0)
        n1 = loadLittleEndianUInt32(nonce, 4)
        n2 = loadLittleEndianUInt32(nonce, 8)
    }
}

/// One ChaCha quarter round on four words (RFC 8439 §2.1).
@inline(__always)
func chachaQuarterRound(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32) {
    a = a &+ b; d ^= a; d = rotatedLeft(d, 16)
    c = c &+ d; b ^= c; b = rotatedLeft(b, 12)
    a = a &+ b; d ^= a; d = rotatedLeft(d, 8)
    c = c &+ d; b ^= c; b = rotatedLeft(b, 7)
}

/// Rotation towards the high bits (the RFC's `<<<`).
@inline(__always)
private func rotatedLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &<< n) | (x &>> (32 &- n)) }

extension ChaCha20State {
    /// Writes the 64-byte keystream block number `counter` to `out` (RFC 8439 §2.3).
    func block(counter: UInt32, into out: UnsafeMutableRawPointer) {
        var x0 = Self.sigma0, x1 = Self.sigma1, x2 = Self.sigma2, x3 = Self.sigma3
        var x4 = k0, x5 = k1, x6 = k2, x7 = k3
        var x8 = k4, x9 = k5, x10 = k6, x11 = k7
        var x12 = counter, x13 = n0, x14 = n1, x15 = n2
        for _ in 0..<10 {
            // Column round.
            chachaQuarterRound(&x0, &x4, &x8, &x12)
            chachaQuarterRound(&x1, &x5, &x9, &x13)
            chachaQuarterRound(&x2, &x6, &x10, &x14)
            chachaQuarterRound(&x3, &x7, &x11, &x15)
            // Diagonal round.
            chachaQuarterRound(&x0, &x5, &x10, &x15)
            chachaQuarterRound(&x1, &x6, &x11, &x12)
            chachaQuarterRound(&x2, &x7, &x8, &x13)
            chachaQuarterRound(&x3, &x4, &x9, &x14)
        }
        storeLittleEndian(x0 &+ Self.sigma0, out, 0)
        storeLittleEndian(x1 &+ Self.sigma1, out, 4)
        storeLittleEndian(x2 &+ Self.sigma2, out, 8)
        storeLittleEndian(x3 &+ Self.sigma3, out, 12)
        storeLittleEndian(x4 &+ k0, out, 16)
        storeLittleEndian(x5 &+ k1, out, 20)
        storeLittleEndian(x6 &+ k2, out, 24)
        storeLittleEndian(x7 &+ k3, out, 28)
        storeLittleEndian(x8 &+ k4, out, 32)
        storeLittleEndian(x9 &+ k5, out, 36)
        storeLittleEndian(x10 &+ k6, out, 40)
        storeLittleEndian(x11 &+ k7, out, 44)
        storeLittleEndian(x12 &+ counter, out, 48)
        storeLittleEndian(x13 &+ n0, out, 52)
        storeLittleEndian(x14 &+ n1, out, 56)
        storeLittleEndian(x15 &+ n2, out, 60)
    }
}
