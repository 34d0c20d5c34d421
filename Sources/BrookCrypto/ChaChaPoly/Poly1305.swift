// Poly1305 (RFC 8439 §2.5): the polynomial evaluated modulo p = 2^130 − 5 with the accumulator in
// two 64-bit limbs plus a small third limb, and r in two 64-bit limbs. Products are 64×64→128-bit
// (`multipliedFullWidth`); the final reduction and the choice between h and h − p are by masks, so
// running time depends only on the message length.

private typealias Wide = LimbArithmetic.Wide

@inline(__always) private func product(_ a: UInt64, _ b: UInt64) -> Wide { LimbArithmetic.product(a, b) }
@inline(__always) private func bit(_ flag: Bool) -> UInt64 { LimbArithmetic.bit(flag) }

/// The Poly1305 one-time authenticator. Internal: the AEAD drives it, and the RFC vectors test it.
struct Poly1305 {
    // Clamped r (RFC 8439 §2.5: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff), and s1 = r1 + r1/4 = 5·r1/4,
    // exact because clamping clears the two low bits of r1.
    private let r0: UInt64, r1: UInt64, s1: UInt64
    // The "s" half of the key, added at the end.
    private let pad0: UInt64, pad1: UInt64
    // Accumulator h = h0 + h1·2^64 + h2·2^128, kept partially reduced (h2 ≤ 4 between blocks).
    private var h0: UInt64 = 0, h1: UInt64 = 0, h2: UInt64 = 0

    /// `key` points at the 32-byte one-time key r ‖ s.
    init(key: UnsafeRawPointer) {
        r0 = loadLittleEndianUInt64(key, 0) & 0x0fff_fffc_0fff_ffff
        r1 = loadLittleEndianUInt64(key, 8) & 0x0fff_fffc_0fff_fffc
        s1 = r1 &+ (r1 >> 2)
        pad0 = loadLittleEndianUInt64(key, 16)
        pad1 = loadLittleEndianUInt64(key, 24)
    }

    /// Absorbs one 16-byte block given as two little-endian words, with `highBit` (1 for a whole
    /// block, 0 for a final short block that already carries its 0x01 terminator): h = (h + m)·r mod p.
    @inline(__always)
    private mutating func absorb(_ m0: UInt64, _ m1: UInt64, highBit: UInt64) {
        // h += m (+ 2^128·highBit)
        let (a0, c0) = h0.addingReportingOverflow(m0)
        let (t1, c1) = h1.addingReportingOverflow(m1)
        let (a1, c2) = t1.addingReportingOverflow(bit(c0))
        let a2 = h2 &+ bit(c1) &+ bit(c2) &+ highBit

        // h·r, folding every 2^130 back in as 5: terms at 2^128 use s1 = 5·r1/4.
        //   d0 = a0·r0 + a1·s1
        //   d1 = a0·r1 + a1·r0 + a2·s1
        //   d2 = a2·r0
        var d0 = product(a0, r0)
        d0.add(product(a1, s1))
        var d1 = product(a0, r1)
        d1.add(product(a1, r0))
        d1.add(Wide(high: 0, low: a2 &* s1))  // a2 ≤ 6 and s1 < 2^61: no overflow
        let d2 = a2 &* r0

        // Carry into 64-bit limbs.
        h0 = d0.low
        d1.add(Wide(high: 0, low: d0.high))
        h1 = d1.low
        let top = d2 &+ d1.high
        // Partial reduction: the bits of `top` at and above 2^130 come back multiplied by 5.
        let fold = (top & ~3) &+ (top >> 2)
        h2 = top & 3
        let (b0, e0) = h0.addingReportingOverflow(fold)
        let (b1, e1) = h1.addingReportingOverflow(bit(e0))
        h0 = b0
        h1 = b1
        h2 = h2 &+ bit(e1)
    }

    /// Absorbs `count / 16` whole blocks from `p` (`count` a multiple of 16).
    mutating func absorbBlocks(_ p: UnsafeRawPointer, count: Int) {
        var offset = 0
        while offset < count {
            absorb(loadLittleEndianUInt64(p, offset), loadLittleEndianUInt64(p, offset + 8), highBit: 1)
            offset += 16
        }
    }

    /// Absorbs `count` bytes zero-padded to a multiple of 16, as the AEAD does with the AAD and the
    /// ciphertext (RFC 8439 §2.8: pad16).
    mutating func absorbPadded(_ p: UnsafeRawPointer, count: Int) {
        let whole = count & ~15
        absorbBlocks(p, count: whole)
        let rest = count - whole
        if rest > 0 {
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p + whole, byteCount: rest) }
            absorb(UInt64(littleEndian: block.0), UInt64(littleEndian: block.1), highBit: 1)
        }
    }

    /// Absorbs the AEAD length block: two little-endian 64-bit lengths (RFC 8439 §2.8).
    mutating func absorbLengths(_ aadCount: Int, _ ciphertextCount: Int) {
        absorb(UInt64(aadCount), UInt64(ciphertextCount), highBit: 1)
    }

    /// Absorbs a message of any length as plain Poly1305 does (RFC 8439 §2.5): the last short block
    /// gets a 0x01 byte after its data instead of the 2^128 bit.
    mutating func absorbMessage(_ p: UnsafeRawPointer, count: Int) {
        let whole = count & ~15
        absorbBlocks(p, count: whole)
        let rest = count - whole
        if rest > 0 {
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { b in
                b.baseAddress!.copyMemory(from: p + whole, byteCount: rest)
                b[rest] = 1
            }
            absorb(UInt64(littleEndian: block.0), UInt64(littleEndian: block.1), highBit: 0)
        }
    }

    /// Writes the 16-byte tag: (h mod p) + s mod 2^128.
    func finalize(into tag: UnsafeMutableRawPointer) {
        // g = h + 5; h ≥ p exactly when g reaches 2^130. h < 2p, so one subtraction suffices.
        let (g0, c0) = h0.addingReportingOverflow(5)
        let (g1, c1) = h1.addingReportingOverflow(bit(c0))
        let g2 = h2 &+ bit(c1)
        let useG = ~ConstantTime.isZeroMask(g2 >> 2)
        let f0 = ConstantTime.select(useG, g0, h0)
        let f1 = ConstantTime.select(useG, g1, h1)
        let (t0, carry) = f0.addingReportingOverflow(pad0)
        let t1 = f1 &+ pad1 &+ bit(carry)
        storeLittleEndian(t0, tag, 0)
        storeLittleEndian(t1, tag, 8)
    }

    /// The tag of `message` under the one-time `key` (32 bytes).
    static func authenticationCode(message: [UInt8], key: [UInt8]) -> [UInt8] {
        precondition(key.count == 32, "a Poly1305 key is 32 bytes")
        var tag = [UInt8](repeating: 0, count: 16)
        key.withUnsafeBytes { k in
            var mac = Poly1305(key: k.baseAddress!)
            message.withUnsafeBytes { m in
                if let base = m.baseAddress { mac.absorbMessage(base, count: m.count) }
            }
            tag.withUnsafeMutableBytes { mac.finalize(into: $0.baseAddress!) }
        }
        return tag
    }
}
