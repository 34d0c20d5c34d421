// The SHA-1 compression function (FIPS 180-4 §6.1.2): five rounds per step with the working
// variables renamed instead of shifted, and the 80-word message schedule on the stack.

@usableFromInline
struct SHA1Compression: BlockCompression {
    @usableFromInline static var blockByteCount: Int { 64 }
    @usableFromInline static var lengthFieldByteCount: Int { 8 }

    @usableFromInline var h0, h1, h2, h3, h4: UInt32

    /// FIPS 180-4 §5.3.1.
    @usableFromInline static let initial = SHA1Compression(
        h0: 0x6745_2301, h1: 0xefcd_ab89, h2: 0x98ba_dcfe, h3: 0x1032_5476, h4: 0xc3d2_e1f0)

    @usableFromInline
    init(h0: UInt32, h1: UInt32, h2: UInt32, h3: UInt32, h4: UInt32) {
        (self.h0, self.h1, self.h2, self.h3, self.h4) = (h0, h1, h2, h3, h4)
    }

    @usableFromInline
    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
            let w = schedule.baseAddress!
            var block = blocks
            for _ in 0..<blockCount {
                compressBlock(block, w)
                block += 64
            }
            schedule.initialize(repeating: 0)
        }
    }

    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>) {
        for t in 0..<16 { w[t] = loadBigEndianUInt32(block, 4 * t) }
        for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }

        var a = h0, b = h1, c = h2, d = h3, e = h4
        var t = 0
        // §4.1.1 and §4.2.1: Ch for rounds 0–19, Parity for 20–39, Maj for 40–59, Parity for 60–79.
        while t < 20 {
            sha1Round(choose(b, c, d) &+ 0x5a82_7999 &+ w[t], a, &b, &e)
            sha1Round(choose(a, b, c) &+ 0x5a82_7999 &+ w[t + 1], e, &a, &d)
            sha1Round(choose(e, a, b) &+ 0x5a82_7999 &+ w[t + 2], d, &e, &c)
            sha1Round(choose(d, e, a) &+ 0x5a82_7999 &+ w[t + 3], c, &d, &b)
            sha1Round(choose(c, d, e) &+ 0x5a82_7999 &+ w[t + 4], b, &c, &a)
            t += 5
        }
        while t < 40 {
            sha1Round((b ^ c ^ d) &+ 0x6ed9_eba1 &+ w[t], a, &b, &e)
            sha1Round((a ^ b ^ c) &+ 0x6ed9_eba1 &+ w[t + 1], e, &a, &d)
            sha1Round((e ^ a ^ b) &+ 0x6ed9_eba1 &+ w[t + 2], d, &e, &c)
            sha1Round((d ^ e ^ a) &+ 0x6ed9_eba1 &+ w[t + 3], c, &d, &b)
            sha1Round((c ^ d ^ e) &+ 0x6ed9_eba1 &+ w[t + 4], b, &c, &a)
            t += 5
        }
        while t < 60 {
            sha1Round(majority(b, c, d) &+ 0x8f1b_bcdc &+ w[t], a, &b, &e)
            sha1Round(majority(a, b, c) &+ 0x8f1b_bcdc &+ w[t + 1], e, &a, &d)
            sha1Round(majority(e, a, b) &+ 0x8f1b_bcdc &+ w[t + 2], d, &e, &c)
            sha1Round(majority(d, e, a) &+ 0x8f1b_bcdc &+ w[t + 3], c, &d, &b)
            sha1Round(majority(c, d, e) &+ 0x8f1b_bcdc &+ w[t + 4], b, &c, &a)
            t += 5
        }
        while t < 80 {
            sha1Round((b ^ c ^ d) &+ 0xca62_c1d6 &+ w[t], a, &b, &e)
            sha1Round((a ^ b ^ c) &+ 0xca62_c1d6 &+ w[t + 1], e, &a, &d)
            sha1Round((e ^ a ^ b) &+ 0xca62_c1d6 &+ w[t + 2], d, &e, &c)
            sha1Round((d ^ e ^ a) &+ 0xca62_c1d6 &+ w[t + 3], c, &d, &b)
            sha1Round((c ^ d ^ e) &+ 0xca62_c1d6 &+ w[t + 4], b, &c, &a)
            t += 5
        }
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e
    }
}

@inline(__always)
private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &<< n) | (x &>> (32 &- n)) }

@inline(__always)
private func choose(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { z ^ (x & (y ^ z)) }

@inline(__always)
private func majority(_ x: UInt32, _ y: UInt32, _ z: UInt32) -> UInt32 { (x & y) | (z & (x | y)) }

/// One step of §6.1.2 step 3: `e` gains the round sum and `b` rotates; the caller renames
/// variables between steps. `fkw` is f(b, c, d) + K + W for this round, computed before `b` rotates.
@inline(__always)
private func sha1Round(_ fkw: UInt32, _ a: UInt32, _ b: inout UInt32, _ e: inout UInt32) {
    e = e &+ rotl(a, 5) &+ fkw
    b = rotl(b, 30)
}
