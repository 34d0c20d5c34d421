// The SHA-1 compression function (FIPS 180-4 §6.1.2), fully unrolled with the working
// variables renamed instead of shifted and the message schedule (§6.1.2 step 1) in locals.

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
        var block = blocks
        for _ in 0..<blockCount {
            compressBlock(block)
            block += 64
        }
    }

    /// All 80 rounds written out (one line per schedule word and per round): the
    /// schedule words are constants the compiler keeps in registers or spills as it sees fit, and
    /// every index, rotation and round constant is fixed. Rounds 0–19 use Ch, 20–39 and 60–79
    /// Parity, 40–59 Maj (§4.1.1), with the constants of §4.2.1.
    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer) {
        var a = h0, b = h1, c = h2, d = h3, e = h4
        let w0 = loadBigEndianUInt32(block, 0)
        sha1Round(choose(b, c, d) &+ 0x5a82_7999 &+ w0, a, &b, &e)
        let w1 = loadBigEndianUInt32(block, 4)
        sha1Round(choose(a, b, c) &+ 0x5a82_7999 &+ w1, e, &a, &d)
        let w2 = loadBigEndianUInt32(block, 8)
        sha1Round(choose(e, a, b) &+ 0x5a82_7999 &+ w2, d, &e, &c)
        let w3 = loadBigEndianUInt32(block, 12)
        sha1Round(choose(d, e, a) &+ 0x5a82_7999 &+ w3, c, &d, &b)
        let w4 = loadBigEndianUInt32(block, 16)
        sha1Round(choose(c, d, e) &+ 0x5a82_7999 &+ w4, b, &c, &a)
        let w5 = loadBigEndianUInt32(block, 20)
        sha1Round(choose(b, c, d) &+ 0x5a82_7999 &+ w5, a, &b, &e)
        let w6 = loadBigEndianUInt32(block, 24)
        sha1Round(choose(a, b, c) &+ 0x5a82_7999 &+ w6, e, &a, &d)
        let w7 = loadBigEndianUInt32(block, 28)
        sha1Round(choose(e, a, b) &+ 0x5a82_7999 &+ w7, d, &e, &c)
        let w8 = loadBigEndianUInt32(block, 32)
        sha1Round(choose(d, e, a) &+ 0x5a82_7999 &+ w8, c, &d, &b)
        let w9 = loadBigEndianUInt32(block, 36)
        sha1Round(choose(c, d, e) &+ 0x5a82_7999 &+ w9, b, &c, &a)
        let w10 = loadBigEndianUInt32(block, 40)
        sha1Round(choose(b, c, d) &+ 0x5a82_7999 &+ w10, a, &b, &e)
        let w11 = loadBigEndianUInt32(block, 44)
        sha1Round(choose(a, b, c) &+ 0x5a82_7999 &+ w11, e, &a, &d)
        let w12 = loadBigEndianUInt32(block, 48)
        sha1Round(choose(e, a, b) &+ 0x5a82_7999 &+ w12, d, &e, &c)
        let w13 = loadBigEndianUInt32(block, 52)
        sha1Round(choose(d, e, a) &+ 0x5a82_7999 &+ w13, c, &d, &b)
        let w14 = loadBigEndianUInt32(block, 56)
        sha1Round(choose(c, d, e) &+ 0x5a82_7999 &+ w14, b, &c, &a)
        let w15 = loadBigEndianUInt32(block, 60)
        sha1Round(choose(b, c, d) &+ 0x5a82_7999 &+ w15, a, &b, &e)
        let w16 = rotl(w13 ^ w8 ^ w2 ^ w0, 1)
        sha1Round(choose(a, b, c) &+ 0x5a82_7999 &+ w16, e, &a, &d)
        let w17 = rotl(w14 ^ w9 ^ w3 ^ w1, 1)
        sha1Round(choose(e, a, b) &+ 0x5a82_7999 &+ w17, d, &e, &c)
        let w18 = rotl(w15 ^ w10 ^ w4 ^ w2, 1)
        sha1Round(choose(d, e, a) &+ 0x5a82_7999 &+ w18, c, &d, &b)
        let w19 = rotl(w16 ^ w11 ^ w5 ^ w3, 1)
        sha1Round(choose(c, d, e) &+ 0x5a82_7999 &+ w19, b, &c, &a)
        let w20 = rotl(w17 ^ w12 ^ w6 ^ w4, 1)
        sha1Round((b ^ c ^ d) &+ 0x6ed9_eba1 &+ w20, a, &b, &e)
        let w21 = rotl(w18 ^ w13 ^ w7 ^ w5, 1)
        sha1Round((a ^ b ^ c) &+ 0x6ed9_eba1 &+ w21, e, &a, &d)
        let w22 = rotl(w19 ^ w14 ^ w8 ^ w6, 1)
        sha1Round((e ^ a ^ b) &+ 0x6ed9_eba1 &+ w22, d, &e, &c)
        let w23 = rotl(w20 ^ w15 ^ w9 ^ w7, 1)
        sha1Round((d ^ e ^ a) &+ 0x6ed9_eba1 &+ w23, c, &d, &b)
        let w24 = rotl(w21 ^ w16 ^ w10 ^ w8, 1)
        sha1Round((c ^ d ^ e) &+ 0x6ed9_eba1 &+ w24, b, &c, &a)
        let w25 = rotl(w22 ^ w17 ^ w11 ^ w9, 1)
        sha1Round((b ^ c ^ d) &+ 0x6ed9_eba1 &+ w25, a, &b, &e)
        let w26 = rotl(w23 ^ w18 ^ w12 ^ w10, 1)
        sha1Round((a ^ b ^ c) &+ 0x6ed9_eba1 &+ w26, e, &a, &d)
        let w27 = rotl(w24 ^ w19 ^ w13 ^ w11, 1)
        sha1Round((e ^ a ^ b) &+ 0x6ed9_eba1 &+ w27, d, &e, &c)
        let w28 = rotl(w25 ^ w20 ^ w14 ^ w12, 1)
        sha1Round((d ^ e ^ a) &+ 0x6ed9_eba1 &+ w28, c, &d, &b)
        let w29 = rotl(w26 ^ w21 ^ w15 ^ w13, 1)
        sha1Round((c ^ d ^ e) &+ 0x6ed9_eba1 &+ w29, b, &c, &a)
        let w30 = rotl(w27 ^ w22 ^ w16 ^ w14, 1)
        sha1Round((b ^ c ^ d) &+ 0x6ed9_eba1 &+ w30, a, &b, &e)
        let w31 = rotl(w28 ^ w23 ^ w17 ^ w15, 1)
        sha1Round((a ^ b ^ c) &+ 0x6ed9_eba1 &+ w31, e, &a, &d)
        let w32 = rotl(w29 ^ w24 ^ w18 ^ w16, 1)
        sha1Round((e ^ a ^ b) &+ 0x6ed9_eba1 &+ w32, d, &e, &c)
        let w33 = rotl(w30 ^ w25 ^ w19 ^ w17, 1)
        sha1Round((d ^ e ^ a) &+ 0x6ed9_eba1 &+ w33, c, &d, &b)
        let w34 = rotl(w31 ^ w26 ^ w20 ^ w18, 1)
        sha1Round((c ^ d ^ e) &+ 0x6ed9_eba1 &+ w34, b, &c, &a)
        let w35 = rotl(w32 ^ w27 ^ w21 ^ w19, 1)
        sha1Round((b ^ c ^ d) &+ 0x6ed9_eba1 &+ w35, a, &b, &e)
        let w36 = rotl(w33 ^ w28 ^ w22 ^ w20, 1)
        sha1Round((a ^ b ^ c) &+ 0x6ed9_eba1 &+ w36, e, &a, &d)
        let w37 = rotl(w34 ^ w29 ^ w23 ^ w21, 1)
        sha1Round((e ^ a ^ b) &+ 0x6ed9_eba1 &+ w37, d, &e, &c)
        let w38 = rotl(w35 ^ w30 ^ w24 ^ w22, 1)
        sha1Round((d ^ e ^ a) &+ 0x6ed9_eba1 &+ w38, c, &d, &b)
        let w39 = rotl(w36 ^ w31 ^ w25 ^ w23, 1)
        sha1Round((c ^ d ^ e) &+ 0x6ed9_eba1 &+ w39, b, &c, &a)
        let w40 = rotl(w37 ^ w32 ^ w26 ^ w24, 1)
        sha1Round(majority(b, c, d) &+ 0x8f1b_bcdc &+ w40, a, &b, &e)
        let w41 = rotl(w38 ^ w33 ^ w27 ^ w25, 1)
        sha1Round(majority(a, b, c) &+ 0x8f1b_bcdc &+ w41, e, &a, &d)
        let w42 = rotl(w39 ^ w34 ^ w28 ^ w26, 1)
        sha1Round(majority(e, a, b) &+ 0x8f1b_bcdc &+ w42, d, &e, &c)
        let w43 = rotl(w40 ^ w35 ^ w29 ^ w27, 1)
        sha1Round(majority(d, e, a) &+ 0x8f1b_bcdc &+ w43, c, &d, &b)
        let w44 = rotl(w41 ^ w36 ^ w30 ^ w28, 1)
        sha1Round(majority(c, d, e) &+ 0x8f1b_bcdc &+ w44, b, &c, &a)
        let w45 = rotl(w42 ^ w37 ^ w31 ^ w29, 1)
        sha1Round(majority(b, c, d) &+ 0x8f1b_bcdc &+ w45, a, &b, &e)
        let w46 = rotl(w43 ^ w38 ^ w32 ^ w30, 1)
        sha1Round(majority(a, b, c) &+ 0x8f1b_bcdc &+ w46, e, &a, &d)
        let w47 = rotl(w44 ^ w39 ^ w33 ^ w31, 1)
        sha1Round(majority(e, a, b) &+ 0x8f1b_bcdc &+ w47, d, &e, &c)
        let w48 = rotl(w45 ^ w40 ^ w34 ^ w32, 1)
        sha1Round(majority(d, e, a) &+ 0x8f1b_bcdc &+ w48, c, &d, &b)
        let w49 = rotl(w46 ^ w41 ^ w35 ^ w33, 1)
        sha1Round(majority(c, d, e) &+ 0x8f1b_bcdc &+ w49, b, &c, &a)
        let w50 = rotl(w47 ^ w42 ^ w36 ^ w34, 1)
        sha1Round(majority(b, c, d) &+ 0x8f1b_bcdc &+ w50, a, &b, &e)
        let w51 = rotl(w48 ^ w43 ^ w37 ^ w35, 1)
        sha1Round(majority(a, b, c) &+ 0x8f1b_bcdc &+ w51, e, &a, &d)
        let w52 = rotl(w49 ^ w44 ^ w38 ^ w36, 1)
        sha1Round(majority(e, a, b) &+ 0x8f1b_bcdc &+ w52, d, &e, &c)
        let w53 = rotl(w50 ^ w45 ^ w39 ^ w37, 1)
        sha1Round(majority(d, e, a) &+ 0x8f1b_bcdc &+ w53, c, &d, &b)
        let w54 = rotl(w51 ^ w46 ^ w40 ^ w38, 1)
        sha1Round(majority(c, d, e) &+ 0x8f1b_bcdc &+ w54, b, &c, &a)
        let w55 = rotl(w52 ^ w47 ^ w41 ^ w39, 1)
        sha1Round(majority(b, c, d) &+ 0x8f1b_bcdc &+ w55, a, &b, &e)
        let w56 = rotl(w53 ^ w48 ^ w42 ^ w40, 1)
        sha1Round(majority(a, b, c) &+ 0x8f1b_bcdc &+ w56, e, &a, &d)
        let w57 = rotl(w54 ^ w49 ^ w43 ^ w41, 1)
        sha1Round(majority(e, a, b) &+ 0x8f1b_bcdc &+ w57, d, &e, &c)
        let w58 = rotl(w55 ^ w50 ^ w44 ^ w42, 1)
        sha1Round(majority(d, e, a) &+ 0x8f1b_bcdc &+ w58, c, &d, &b)
        let w59 = rotl(w56 ^ w51 ^ w45 ^ w43, 1)
        sha1Round(majority(c, d, e) &+ 0x8f1b_bcdc &+ w59, b, &c, &a)
        let w60 = rotl(w57 ^ w52 ^ w46 ^ w44, 1)
        sha1Round((b ^ c ^ d) &+ 0xca62_c1d6 &+ w60, a, &b, &e)
        let w61 = rotl(w58 ^ w53 ^ w47 ^ w45, 1)
        sha1Round((a ^ b ^ c) &+ 0xca62_c1d6 &+ w61, e, &a, &d)
        let w62 = rotl(w59 ^ w54 ^ w48 ^ w46, 1)
        sha1Round((e ^ a ^ b) &+ 0xca62_c1d6 &+ w62, d, &e, &c)
        let w63 = rotl(w60 ^ w55 ^ w49 ^ w47, 1)
        sha1Round((d ^ e ^ a) &+ 0xca62_c1d6 &+ w63, c, &d, &b)
        let w64 = rotl(w61 ^ w56 ^ w50 ^ w48, 1)
        sha1Round((c ^ d ^ e) &+ 0xca62_c1d6 &+ w64, b, &c, &a)
        let w65 = rotl(w62 ^ w57 ^ w51 ^ w49, 1)
        sha1Round((b ^ c ^ d) &+ 0xca62_c1d6 &+ w65, a, &b, &e)
        let w66 = rotl(w63 ^ w58 ^ w52 ^ w50, 1)
        sha1Round((a ^ b ^ c) &+ 0xca62_c1d6 &+ w66, e, &a, &d)
        let w67 = rotl(w64 ^ w59 ^ w53 ^ w51, 1)
        sha1Round((e ^ a ^ b) &+ 0xca62_c1d6 &+ w67, d, &e, &c)
        let w68 = rotl(w65 ^ w60 ^ w54 ^ w52, 1)
        sha1Round((d ^ e ^ a) &+ 0xca62_c1d6 &+ w68, c, &d, &b)
        let w69 = rotl(w66 ^ w61 ^ w55 ^ w53, 1)
        sha1Round((c ^ d ^ e) &+ 0xca62_c1d6 &+ w69, b, &c, &a)
        let w70 = rotl(w67 ^ w62 ^ w56 ^ w54, 1)
        sha1Round((b ^ c ^ d) &+ 0xca62_c1d6 &+ w70, a, &b, &e)
        let w71 = rotl(w68 ^ w63 ^ w57 ^ w55, 1)
        sha1Round((a ^ b ^ c) &+ 0xca62_c1d6 &+ w71, e, &a, &d)
        let w72 = rotl(w69 ^ w64 ^ w58 ^ w56, 1)
        sha1Round((e ^ a ^ b) &+ 0xca62_c1d6 &+ w72, d, &e, &c)
        let w73 = rotl(w70 ^ w65 ^ w59 ^ w57, 1)
        sha1Round((d ^ e ^ a) &+ 0xca62_c1d6 &+ w73, c, &d, &b)
        let w74 = rotl(w71 ^ w66 ^ w60 ^ w58, 1)
        sha1Round((c ^ d ^ e) &+ 0xca62_c1d6 &+ w74, b, &c, &a)
        let w75 = rotl(w72 ^ w67 ^ w61 ^ w59, 1)
        sha1Round((b ^ c ^ d) &+ 0xca62_c1d6 &+ w75, a, &b, &e)
        let w76 = rotl(w73 ^ w68 ^ w62 ^ w60, 1)
        sha1Round((a ^ b ^ c) &+ 0xca62_c1d6 &+ w76, e, &a, &d)
        let w77 = rotl(w74 ^ w69 ^ w63 ^ w61, 1)
        sha1Round((e ^ a ^ b) &+ 0xca62_c1d6 &+ w77, d, &e, &c)
        let w78 = rotl(w75 ^ w70 ^ w64 ^ w62, 1)
        sha1Round((d ^ e ^ a) &+ 0xca62_c1d6 &+ w78, c, &d, &b)
        let w79 = rotl(w76 ^ w71 ^ w65 ^ w63, 1)
        sha1Round((c ^ d ^ e) &+ 0xca62_c1d6 &+ w79, b, &c, &a)
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
    // Add the inputs that are ready early first; `a` is the last to arrive.
    e = (e &+ fkw) &+ rotl(a, 5)
    b = rotl(b, 30)
}
