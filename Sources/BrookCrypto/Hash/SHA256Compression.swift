// The SHA-256 compression function (FIPS 180-4 §6.2.2), fully unrolled: the working variables are
// renamed instead of shifted, the message schedule lives in locals, and the round constants K
// (§4.2.2, cube roots of the first 64 primes) are immediates in the round lines.

@usableFromInline
struct SHA256Compression: BlockCompression {
    @usableFromInline static var blockByteCount: Int { 64 }
    @usableFromInline static var lengthFieldByteCount: Int { 8 }

    @usableFromInline var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    /// FIPS 180-4 §5.3.3.
    @usableFromInline static let initial = SHA256Compression(
        h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
        h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)

    @usableFromInline
    init(h0: UInt32, h1: UInt32, h2: UInt32, h3: UInt32, h4: UInt32, h5: UInt32, h6: UInt32, h7: UInt32) {
        (self.h0, self.h1, self.h2, self.h3) = (h0, h1, h2, h3)
        (self.h4, self.h5, self.h6, self.h7) = (h4, h5, h6, h7)
    }

    @usableFromInline
    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        var block = blocks
        for _ in 0..<blockCount {
            compressBlock(block)
            block += 64
        }
    }

    /// All 64 rounds written out (one line per schedule word and per round):
    /// the schedule words (§6.2.2 step 1) are constants the compiler keeps in registers or spills as
    /// it sees fit, and every round constant is an immediate.
    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer) {
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        let w0 = loadBigEndianUInt32(block, 0)
        sha256Round(a, b, c, &d, e, f, g, &h, 0x428a_2f98 &+ w0)
        let w1 = loadBigEndianUInt32(block, 4)
        sha256Round(h, a, b, &c, d, e, f, &g, 0x7137_4491 &+ w1)
        let w2 = loadBigEndianUInt32(block, 8)
        sha256Round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf &+ w2)
        let w3 = loadBigEndianUInt32(block, 12)
        sha256Round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5 &+ w3)
        let w4 = loadBigEndianUInt32(block, 16)
        sha256Round(e, f, g, &h, a, b, c, &d, 0x3956_c25b &+ w4)
        let w5 = loadBigEndianUInt32(block, 20)
        sha256Round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1 &+ w5)
        let w6 = loadBigEndianUInt32(block, 24)
        sha256Round(c, d, e, &f, g, h, a, &b, 0x923f_82a4 &+ w6)
        let w7 = loadBigEndianUInt32(block, 28)
        sha256Round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5 &+ w7)
        let w8 = loadBigEndianUInt32(block, 32)
        sha256Round(a, b, c, &d, e, f, g, &h, 0xd807_aa98 &+ w8)
        let w9 = loadBigEndianUInt32(block, 36)
        sha256Round(h, a, b, &c, d, e, f, &g, 0x1283_5b01 &+ w9)
        let w10 = loadBigEndianUInt32(block, 40)
        sha256Round(g, h, a, &b, c, d, e, &f, 0x2431_85be &+ w10)
        let w11 = loadBigEndianUInt32(block, 44)
        sha256Round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3 &+ w11)
        let w12 = loadBigEndianUInt32(block, 48)
        sha256Round(e, f, g, &h, a, b, c, &d, 0x72be_5d74 &+ w12)
        let w13 = loadBigEndianUInt32(block, 52)
        sha256Round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe &+ w13)
        let w14 = loadBigEndianUInt32(block, 56)
        sha256Round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7 &+ w14)
        let w15 = loadBigEndianUInt32(block, 60)
        sha256Round(b, c, d, &e, f, g, h, &a, 0xc19b_f174 &+ w15)
        let w16 = sha256SmallSigma1(w14) &+ w9 &+ sha256SmallSigma0(w1) &+ w0
        sha256Round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1 &+ w16)
        let w17 = sha256SmallSigma1(w15) &+ w10 &+ sha256SmallSigma0(w2) &+ w1
        sha256Round(h, a, b, &c, d, e, f, &g, 0xefbe_4786 &+ w17)
        let w18 = sha256SmallSigma1(w16) &+ w11 &+ sha256SmallSigma0(w3) &+ w2
        sha256Round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6 &+ w18)
        let w19 = sha256SmallSigma1(w17) &+ w12 &+ sha256SmallSigma0(w4) &+ w3
        sha256Round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc &+ w19)
        let w20 = sha256SmallSigma1(w18) &+ w13 &+ sha256SmallSigma0(w5) &+ w4
        sha256Round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f &+ w20)
        let w21 = sha256SmallSigma1(w19) &+ w14 &+ sha256SmallSigma0(w6) &+ w5
        sha256Round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa &+ w21)
        let w22 = sha256SmallSigma1(w20) &+ w15 &+ sha256SmallSigma0(w7) &+ w6
        sha256Round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc &+ w22)
        let w23 = sha256SmallSigma1(w21) &+ w16 &+ sha256SmallSigma0(w8) &+ w7
        sha256Round(b, c, d, &e, f, g, h, &a, 0x76f9_88da &+ w23)
        let w24 = sha256SmallSigma1(w22) &+ w17 &+ sha256SmallSigma0(w9) &+ w8
        sha256Round(a, b, c, &d, e, f, g, &h, 0x983e_5152 &+ w24)
        let w25 = sha256SmallSigma1(w23) &+ w18 &+ sha256SmallSigma0(w10) &+ w9
        sha256Round(h, a, b, &c, d, e, f, &g, 0xa831_c66d &+ w25)
        let w26 = sha256SmallSigma1(w24) &+ w19 &+ sha256SmallSigma0(w11) &+ w10
        sha256Round(g, h, a, &b, c, d, e, &f, 0xb003_27c8 &+ w26)
        let w27 = sha256SmallSigma1(w25) &+ w20 &+ sha256SmallSigma0(w12) &+ w11
        sha256Round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7 &+ w27)
        let w28 = sha256SmallSigma1(w26) &+ w21 &+ sha256SmallSigma0(w13) &+ w12
        sha256Round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3 &+ w28)
        let w29 = sha256SmallSigma1(w27) &+ w22 &+ sha256SmallSigma0(w14) &+ w13
        sha256Round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147 &+ w29)
        let w30 = sha256SmallSigma1(w28) &+ w23 &+ sha256SmallSigma0(w15) &+ w14
        sha256Round(c, d, e, &f, g, h, a, &b, 0x06ca_6351 &+ w30)
        let w31 = sha256SmallSigma1(w29) &+ w24 &+ sha256SmallSigma0(w16) &+ w15
        sha256Round(b, c, d, &e, f, g, h, &a, 0x1429_2967 &+ w31)
        let w32 = sha256SmallSigma1(w30) &+ w25 &+ sha256SmallSigma0(w17) &+ w16
        sha256Round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85 &+ w32)
        let w33 = sha256SmallSigma1(w31) &+ w26 &+ sha256SmallSigma0(w18) &+ w17
        sha256Round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138 &+ w33)
        let w34 = sha256SmallSigma1(w32) &+ w27 &+ sha256SmallSigma0(w19) &+ w18
        sha256Round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc &+ w34)
        let w35 = sha256SmallSigma1(w33) &+ w28 &+ sha256SmallSigma0(w20) &+ w19
        sha256Round(f, g, h, &a, b, c, d, &e, 0x5338_0d13 &+ w35)
        let w36 = sha256SmallSigma1(w34) &+ w29 &+ sha256SmallSigma0(w21) &+ w20
        sha256Round(e, f, g, &h, a, b, c, &d, 0x650a_7354 &+ w36)
        let w37 = sha256SmallSigma1(w35) &+ w30 &+ sha256SmallSigma0(w22) &+ w21
        sha256Round(d, e, f, &g, h, a, b, &c, 0x766a_0abb &+ w37)
        let w38 = sha256SmallSigma1(w36) &+ w31 &+ sha256SmallSigma0(w23) &+ w22
        sha256Round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e &+ w38)
        let w39 = sha256SmallSigma1(w37) &+ w32 &+ sha256SmallSigma0(w24) &+ w23
        sha256Round(b, c, d, &e, f, g, h, &a, 0x9272_2c85 &+ w39)
        let w40 = sha256SmallSigma1(w38) &+ w33 &+ sha256SmallSigma0(w25) &+ w24
        sha256Round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1 &+ w40)
        let w41 = sha256SmallSigma1(w39) &+ w34 &+ sha256SmallSigma0(w26) &+ w25
        sha256Round(h, a, b, &c, d, e, f, &g, 0xa81a_664b &+ w41)
        let w42 = sha256SmallSigma1(w40) &+ w35 &+ sha256SmallSigma0(w27) &+ w26
        sha256Round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70 &+ w42)
        let w43 = sha256SmallSigma1(w41) &+ w36 &+ sha256SmallSigma0(w28) &+ w27
        sha256Round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3 &+ w43)
        let w44 = sha256SmallSigma1(w42) &+ w37 &+ sha256SmallSigma0(w29) &+ w28
        sha256Round(e, f, g, &h, a, b, c, &d, 0xd192_e819 &+ w44)
        let w45 = sha256SmallSigma1(w43) &+ w38 &+ sha256SmallSigma0(w30) &+ w29
        sha256Round(d, e, f, &g, h, a, b, &c, 0xd699_0624 &+ w45)
        let w46 = sha256SmallSigma1(w44) &+ w39 &+ sha256SmallSigma0(w31) &+ w30
        sha256Round(c, d, e, &f, g, h, a, &b, 0xf40e_3585 &+ w46)
        let w47 = sha256SmallSigma1(w45) &+ w40 &+ sha256SmallSigma0(w32) &+ w31
        sha256Round(b, c, d, &e, f, g, h, &a, 0x106a_a070 &+ w47)
        let w48 = sha256SmallSigma1(w46) &+ w41 &+ sha256SmallSigma0(w33) &+ w32
        sha256Round(a, b, c, &d, e, f, g, &h, 0x19a4_c116 &+ w48)
        let w49 = sha256SmallSigma1(w47) &+ w42 &+ sha256SmallSigma0(w34) &+ w33
        sha256Round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08 &+ w49)
        let w50 = sha256SmallSigma1(w48) &+ w43 &+ sha256SmallSigma0(w35) &+ w34
        sha256Round(g, h, a, &b, c, d, e, &f, 0x2748_774c &+ w50)
        let w51 = sha256SmallSigma1(w49) &+ w44 &+ sha256SmallSigma0(w36) &+ w35
        sha256Round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5 &+ w51)
        let w52 = sha256SmallSigma1(w50) &+ w45 &+ sha256SmallSigma0(w37) &+ w36
        sha256Round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3 &+ w52)
        let w53 = sha256SmallSigma1(w51) &+ w46 &+ sha256SmallSigma0(w38) &+ w37
        sha256Round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a &+ w53)
        let w54 = sha256SmallSigma1(w52) &+ w47 &+ sha256SmallSigma0(w39) &+ w38
        sha256Round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f &+ w54)
        let w55 = sha256SmallSigma1(w53) &+ w48 &+ sha256SmallSigma0(w40) &+ w39
        sha256Round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3 &+ w55)
        let w56 = sha256SmallSigma1(w54) &+ w49 &+ sha256SmallSigma0(w41) &+ w40
        sha256Round(a, b, c, &d, e, f, g, &h, 0x748f_82ee &+ w56)
        let w57 = sha256SmallSigma1(w55) &+ w50 &+ sha256SmallSigma0(w42) &+ w41
        sha256Round(h, a, b, &c, d, e, f, &g, 0x78a5_636f &+ w57)
        let w58 = sha256SmallSigma1(w56) &+ w51 &+ sha256SmallSigma0(w43) &+ w42
        sha256Round(g, h, a, &b, c, d, e, &f, 0x84c8_7814 &+ w58)
        let w59 = sha256SmallSigma1(w57) &+ w52 &+ sha256SmallSigma0(w44) &+ w43
        sha256Round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208 &+ w59)
        let w60 = sha256SmallSigma1(w58) &+ w53 &+ sha256SmallSigma0(w45) &+ w44
        sha256Round(e, f, g, &h, a, b, c, &d, 0x90be_fffa &+ w60)
        let w61 = sha256SmallSigma1(w59) &+ w54 &+ sha256SmallSigma0(w46) &+ w45
        sha256Round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb &+ w61)
        let w62 = sha256SmallSigma1(w60) &+ w55 &+ sha256SmallSigma0(w47) &+ w46
        sha256Round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7 &+ w62)
        let w63 = sha256SmallSigma1(w61) &+ w56 &+ sha256SmallSigma0(w48) &+ w47
        sha256Round(b, c, d, &e, f, g, h, &a, 0xc671_78f2 &+ w63)
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }
}

@inline(__always)
func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

/// σ0 and σ1 of the message schedule (§4.1.2 (4.6), (4.7)).
@inline(__always)
private func sha256SmallSigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3) }

@inline(__always)
private func sha256SmallSigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10) }

/// One round (§6.2.2 step 3): `d` and `h` are the two variables that change; the caller renames
/// the others between rounds.
@inline(__always)
private func sha256Round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
) {
    let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let choose = g ^ (e & (f ^ g))
    // h + K + W does not depend on this round's e: add it first to shorten the dependency chain.
    let t1 = (h &+ kw) &+ choose &+ bigSigma1
    let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ bigSigma0 &+ majority
}
