// The SHA-512 compression function (FIPS 180-4 §6.4.2), shared by SHA-384, fully unrolled: the
// working variables are renamed instead of shifted, the message schedule lives in locals, and the
// round constants K (§4.2.3, cube roots of the first 80 primes) are immediates in the round lines.

@usableFromInline
struct SHA512Compression: BlockCompression {
    @usableFromInline static var blockByteCount: Int { 128 }
    @usableFromInline static var lengthFieldByteCount: Int { 16 }

    @usableFromInline var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    /// FIPS 180-4 §5.3.5.
    @usableFromInline static let initialSHA512 = SHA512Compression(
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179)

    /// FIPS 180-4 §5.3.4.
    @usableFromInline static let initialSHA384 = SHA512Compression(
        0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4)

    @usableFromInline
    init(_ h0: UInt64, _ h1: UInt64, _ h2: UInt64, _ h3: UInt64, _ h4: UInt64, _ h5: UInt64, _ h6: UInt64, _ h7: UInt64) {
        (self.h0, self.h1, self.h2, self.h3) = (h0, h1, h2, h3)
        (self.h4, self.h5, self.h6, self.h7) = (h4, h5, h6, h7)
    }

    /// The chaining value as 64 big-endian bytes.
    @usableFromInline
    var bigEndianWords: DigestWords8 {
        (h0.bigEndian, h1.bigEndian, h2.bigEndian, h3.bigEndian,
         h4.bigEndian, h5.bigEndian, h6.bigEndian, h7.bigEndian)
    }

    @usableFromInline
    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        var block = blocks
        for _ in 0..<blockCount {
            compressBlock(block)
            block += 128
        }
    }

    /// All 80 rounds written out (one line per schedule word and per round):
    /// the schedule words (§6.4.2 step 1) are constants the compiler keeps in registers or spills as
    /// it sees fit, and every round constant is an immediate.
    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer) {
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        let w0 = loadBigEndianUInt64(block, 0)
        sha512Round(a, b, c, &d, e, f, g, &h, 0x428a2f98d728ae22 &+ w0)
        let w1 = loadBigEndianUInt64(block, 8)
        sha512Round(h, a, b, &c, d, e, f, &g, 0x7137449123ef65cd &+ w1)
        let w2 = loadBigEndianUInt64(block, 16)
        sha512Round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcfec4d3b2f &+ w2)
        let w3 = loadBigEndianUInt64(block, 24)
        sha512Round(f, g, h, &a, b, c, d, &e, 0xe9b5dba58189dbbc &+ w3)
        let w4 = loadBigEndianUInt64(block, 32)
        sha512Round(e, f, g, &h, a, b, c, &d, 0x3956c25bf348b538 &+ w4)
        let w5 = loadBigEndianUInt64(block, 40)
        sha512Round(d, e, f, &g, h, a, b, &c, 0x59f111f1b605d019 &+ w5)
        let w6 = loadBigEndianUInt64(block, 48)
        sha512Round(c, d, e, &f, g, h, a, &b, 0x923f82a4af194f9b &+ w6)
        let w7 = loadBigEndianUInt64(block, 56)
        sha512Round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5da6d8118 &+ w7)
        let w8 = loadBigEndianUInt64(block, 64)
        sha512Round(a, b, c, &d, e, f, g, &h, 0xd807aa98a3030242 &+ w8)
        let w9 = loadBigEndianUInt64(block, 72)
        sha512Round(h, a, b, &c, d, e, f, &g, 0x12835b0145706fbe &+ w9)
        let w10 = loadBigEndianUInt64(block, 80)
        sha512Round(g, h, a, &b, c, d, e, &f, 0x243185be4ee4b28c &+ w10)
        let w11 = loadBigEndianUInt64(block, 88)
        sha512Round(f, g, h, &a, b, c, d, &e, 0x550c7dc3d5ffb4e2 &+ w11)
        let w12 = loadBigEndianUInt64(block, 96)
        sha512Round(e, f, g, &h, a, b, c, &d, 0x72be5d74f27b896f &+ w12)
        let w13 = loadBigEndianUInt64(block, 104)
        sha512Round(d, e, f, &g, h, a, b, &c, 0x80deb1fe3b1696b1 &+ w13)
        let w14 = loadBigEndianUInt64(block, 112)
        sha512Round(c, d, e, &f, g, h, a, &b, 0x9bdc06a725c71235 &+ w14)
        let w15 = loadBigEndianUInt64(block, 120)
        sha512Round(b, c, d, &e, f, g, h, &a, 0xc19bf174cf692694 &+ w15)
        let w16 = sha512SmallSigma1(w14) &+ w9 &+ sha512SmallSigma0(w1) &+ w0
        sha512Round(a, b, c, &d, e, f, g, &h, 0xe49b69c19ef14ad2 &+ w16)
        let w17 = sha512SmallSigma1(w15) &+ w10 &+ sha512SmallSigma0(w2) &+ w1
        sha512Round(h, a, b, &c, d, e, f, &g, 0xefbe4786384f25e3 &+ w17)
        let w18 = sha512SmallSigma1(w16) &+ w11 &+ sha512SmallSigma0(w3) &+ w2
        sha512Round(g, h, a, &b, c, d, e, &f, 0x0fc19dc68b8cd5b5 &+ w18)
        let w19 = sha512SmallSigma1(w17) &+ w12 &+ sha512SmallSigma0(w4) &+ w3
        sha512Round(f, g, h, &a, b, c, d, &e, 0x240ca1cc77ac9c65 &+ w19)
        let w20 = sha512SmallSigma1(w18) &+ w13 &+ sha512SmallSigma0(w5) &+ w4
        sha512Round(e, f, g, &h, a, b, c, &d, 0x2de92c6f592b0275 &+ w20)
        let w21 = sha512SmallSigma1(w19) &+ w14 &+ sha512SmallSigma0(w6) &+ w5
        sha512Round(d, e, f, &g, h, a, b, &c, 0x4a7484aa6ea6e483 &+ w21)
        let w22 = sha512SmallSigma1(w20) &+ w15 &+ sha512SmallSigma0(w7) &+ w6
        sha512Round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dcbd41fbd4 &+ w22)
        let w23 = sha512SmallSigma1(w21) &+ w16 &+ sha512SmallSigma0(w8) &+ w7
        sha512Round(b, c, d, &e, f, g, h, &a, 0x76f988da831153b5 &+ w23)
        let w24 = sha512SmallSigma1(w22) &+ w17 &+ sha512SmallSigma0(w9) &+ w8
        sha512Round(a, b, c, &d, e, f, g, &h, 0x983e5152ee66dfab &+ w24)
        let w25 = sha512SmallSigma1(w23) &+ w18 &+ sha512SmallSigma0(w10) &+ w9
        sha512Round(h, a, b, &c, d, e, f, &g, 0xa831c66d2db43210 &+ w25)
        let w26 = sha512SmallSigma1(w24) &+ w19 &+ sha512SmallSigma0(w11) &+ w10
        sha512Round(g, h, a, &b, c, d, e, &f, 0xb00327c898fb213f &+ w26)
        let w27 = sha512SmallSigma1(w25) &+ w20 &+ sha512SmallSigma0(w12) &+ w11
        sha512Round(f, g, h, &a, b, c, d, &e, 0xbf597fc7beef0ee4 &+ w27)
        let w28 = sha512SmallSigma1(w26) &+ w21 &+ sha512SmallSigma0(w13) &+ w12
        sha512Round(e, f, g, &h, a, b, c, &d, 0xc6e00bf33da88fc2 &+ w28)
        let w29 = sha512SmallSigma1(w27) &+ w22 &+ sha512SmallSigma0(w14) &+ w13
        sha512Round(d, e, f, &g, h, a, b, &c, 0xd5a79147930aa725 &+ w29)
        let w30 = sha512SmallSigma1(w28) &+ w23 &+ sha512SmallSigma0(w15) &+ w14
        sha512Round(c, d, e, &f, g, h, a, &b, 0x06ca6351e003826f &+ w30)
        let w31 = sha512SmallSigma1(w29) &+ w24 &+ sha512SmallSigma0(w16) &+ w15
        sha512Round(b, c, d, &e, f, g, h, &a, 0x142929670a0e6e70 &+ w31)
        let w32 = sha512SmallSigma1(w30) &+ w25 &+ sha512SmallSigma0(w17) &+ w16
        sha512Round(a, b, c, &d, e, f, g, &h, 0x27b70a8546d22ffc &+ w32)
        let w33 = sha512SmallSigma1(w31) &+ w26 &+ sha512SmallSigma0(w18) &+ w17
        sha512Round(h, a, b, &c, d, e, f, &g, 0x2e1b21385c26c926 &+ w33)
        let w34 = sha512SmallSigma1(w32) &+ w27 &+ sha512SmallSigma0(w19) &+ w18
        sha512Round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc5ac42aed &+ w34)
        let w35 = sha512SmallSigma1(w33) &+ w28 &+ sha512SmallSigma0(w20) &+ w19
        sha512Round(f, g, h, &a, b, c, d, &e, 0x53380d139d95b3df &+ w35)
        let w36 = sha512SmallSigma1(w34) &+ w29 &+ sha512SmallSigma0(w21) &+ w20
        sha512Round(e, f, g, &h, a, b, c, &d, 0x650a73548baf63de &+ w36)
        let w37 = sha512SmallSigma1(w35) &+ w30 &+ sha512SmallSigma0(w22) &+ w21
        sha512Round(d, e, f, &g, h, a, b, &c, 0x766a0abb3c77b2a8 &+ w37)
        let w38 = sha512SmallSigma1(w36) &+ w31 &+ sha512SmallSigma0(w23) &+ w22
        sha512Round(c, d, e, &f, g, h, a, &b, 0x81c2c92e47edaee6 &+ w38)
        let w39 = sha512SmallSigma1(w37) &+ w32 &+ sha512SmallSigma0(w24) &+ w23
        sha512Round(b, c, d, &e, f, g, h, &a, 0x92722c851482353b &+ w39)
        let w40 = sha512SmallSigma1(w38) &+ w33 &+ sha512SmallSigma0(w25) &+ w24
        sha512Round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a14cf10364 &+ w40)
        let w41 = sha512SmallSigma1(w39) &+ w34 &+ sha512SmallSigma0(w26) &+ w25
        sha512Round(h, a, b, &c, d, e, f, &g, 0xa81a664bbc423001 &+ w41)
        let w42 = sha512SmallSigma1(w40) &+ w35 &+ sha512SmallSigma0(w27) &+ w26
        sha512Round(g, h, a, &b, c, d, e, &f, 0xc24b8b70d0f89791 &+ w42)
        let w43 = sha512SmallSigma1(w41) &+ w36 &+ sha512SmallSigma0(w28) &+ w27
        sha512Round(f, g, h, &a, b, c, d, &e, 0xc76c51a30654be30 &+ w43)
        let w44 = sha512SmallSigma1(w42) &+ w37 &+ sha512SmallSigma0(w29) &+ w28
        sha512Round(e, f, g, &h, a, b, c, &d, 0xd192e819d6ef5218 &+ w44)
        let w45 = sha512SmallSigma1(w43) &+ w38 &+ sha512SmallSigma0(w30) &+ w29
        sha512Round(d, e, f, &g, h, a, b, &c, 0xd69906245565a910 &+ w45)
        let w46 = sha512SmallSigma1(w44) &+ w39 &+ sha512SmallSigma0(w31) &+ w30
        sha512Round(c, d, e, &f, g, h, a, &b, 0xf40e35855771202a &+ w46)
        let w47 = sha512SmallSigma1(w45) &+ w40 &+ sha512SmallSigma0(w32) &+ w31
        sha512Round(b, c, d, &e, f, g, h, &a, 0x106aa07032bbd1b8 &+ w47)
        let w48 = sha512SmallSigma1(w46) &+ w41 &+ sha512SmallSigma0(w33) &+ w32
        sha512Round(a, b, c, &d, e, f, g, &h, 0x19a4c116b8d2d0c8 &+ w48)
        let w49 = sha512SmallSigma1(w47) &+ w42 &+ sha512SmallSigma0(w34) &+ w33
        sha512Round(h, a, b, &c, d, e, f, &g, 0x1e376c085141ab53 &+ w49)
        let w50 = sha512SmallSigma1(w48) &+ w43 &+ sha512SmallSigma0(w35) &+ w34
        sha512Round(g, h, a, &b, c, d, e, &f, 0x2748774cdf8eeb99 &+ w50)
        let w51 = sha512SmallSigma1(w49) &+ w44 &+ sha512SmallSigma0(w36) &+ w35
        sha512Round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5e19b48a8 &+ w51)
        let w52 = sha512SmallSigma1(w50) &+ w45 &+ sha512SmallSigma0(w37) &+ w36
        sha512Round(e, f, g, &h, a, b, c, &d, 0x391c0cb3c5c95a63 &+ w52)
        let w53 = sha512SmallSigma1(w51) &+ w46 &+ sha512SmallSigma0(w38) &+ w37
        sha512Round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4ae3418acb &+ w53)
        let w54 = sha512SmallSigma1(w52) &+ w47 &+ sha512SmallSigma0(w39) &+ w38
        sha512Round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f7763e373 &+ w54)
        let w55 = sha512SmallSigma1(w53) &+ w48 &+ sha512SmallSigma0(w40) &+ w39
        sha512Round(b, c, d, &e, f, g, h, &a, 0x682e6ff3d6b2b8a3 &+ w55)
        let w56 = sha512SmallSigma1(w54) &+ w49 &+ sha512SmallSigma0(w41) &+ w40
        sha512Round(a, b, c, &d, e, f, g, &h, 0x748f82ee5defb2fc &+ w56)
        let w57 = sha512SmallSigma1(w55) &+ w50 &+ sha512SmallSigma0(w42) &+ w41
        sha512Round(h, a, b, &c, d, e, f, &g, 0x78a5636f43172f60 &+ w57)
        let w58 = sha512SmallSigma1(w56) &+ w51 &+ sha512SmallSigma0(w43) &+ w42
        sha512Round(g, h, a, &b, c, d, e, &f, 0x84c87814a1f0ab72 &+ w58)
        let w59 = sha512SmallSigma1(w57) &+ w52 &+ sha512SmallSigma0(w44) &+ w43
        sha512Round(f, g, h, &a, b, c, d, &e, 0x8cc702081a6439ec &+ w59)
        let w60 = sha512SmallSigma1(w58) &+ w53 &+ sha512SmallSigma0(w45) &+ w44
        sha512Round(e, f, g, &h, a, b, c, &d, 0x90befffa23631e28 &+ w60)
        let w61 = sha512SmallSigma1(w59) &+ w54 &+ sha512SmallSigma0(w46) &+ w45
        sha512Round(d, e, f, &g, h, a, b, &c, 0xa4506cebde82bde9 &+ w61)
        let w62 = sha512SmallSigma1(w60) &+ w55 &+ sha512SmallSigma0(w47) &+ w46
        sha512Round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7b2c67915 &+ w62)
        let w63 = sha512SmallSigma1(w61) &+ w56 &+ sha512SmallSigma0(w48) &+ w47
        sha512Round(b, c, d, &e, f, g, h, &a, 0xc67178f2e372532b &+ w63)
        let w64 = sha512SmallSigma1(w62) &+ w57 &+ sha512SmallSigma0(w49) &+ w48
        sha512Round(a, b, c, &d, e, f, g, &h, 0xca273eceea26619c &+ w64)
        let w65 = sha512SmallSigma1(w63) &+ w58 &+ sha512SmallSigma0(w50) &+ w49
        sha512Round(h, a, b, &c, d, e, f, &g, 0xd186b8c721c0c207 &+ w65)
        let w66 = sha512SmallSigma1(w64) &+ w59 &+ sha512SmallSigma0(w51) &+ w50
        sha512Round(g, h, a, &b, c, d, e, &f, 0xeada7dd6cde0eb1e &+ w66)
        let w67 = sha512SmallSigma1(w65) &+ w60 &+ sha512SmallSigma0(w52) &+ w51
        sha512Round(f, g, h, &a, b, c, d, &e, 0xf57d4f7fee6ed178 &+ w67)
        let w68 = sha512SmallSigma1(w66) &+ w61 &+ sha512SmallSigma0(w53) &+ w52
        sha512Round(e, f, g, &h, a, b, c, &d, 0x06f067aa72176fba &+ w68)
        let w69 = sha512SmallSigma1(w67) &+ w62 &+ sha512SmallSigma0(w54) &+ w53
        sha512Round(d, e, f, &g, h, a, b, &c, 0x0a637dc5a2c898a6 &+ w69)
        let w70 = sha512SmallSigma1(w68) &+ w63 &+ sha512SmallSigma0(w55) &+ w54
        sha512Round(c, d, e, &f, g, h, a, &b, 0x113f9804bef90dae &+ w70)
        let w71 = sha512SmallSigma1(w69) &+ w64 &+ sha512SmallSigma0(w56) &+ w55
        sha512Round(b, c, d, &e, f, g, h, &a, 0x1b710b35131c471b &+ w71)
        let w72 = sha512SmallSigma1(w70) &+ w65 &+ sha512SmallSigma0(w57) &+ w56
        sha512Round(a, b, c, &d, e, f, g, &h, 0x28db77f523047d84 &+ w72)
        let w73 = sha512SmallSigma1(w71) &+ w66 &+ sha512SmallSigma0(w58) &+ w57
        sha512Round(h, a, b, &c, d, e, f, &g, 0x32caab7b40c72493 &+ w73)
        let w74 = sha512SmallSigma1(w72) &+ w67 &+ sha512SmallSigma0(w59) &+ w58
        sha512Round(g, h, a, &b, c, d, e, &f, 0x3c9ebe0a15c9bebc &+ w74)
        let w75 = sha512SmallSigma1(w73) &+ w68 &+ sha512SmallSigma0(w60) &+ w59
        sha512Round(f, g, h, &a, b, c, d, &e, 0x431d67c49c100d4c &+ w75)
        let w76 = sha512SmallSigma1(w74) &+ w69 &+ sha512SmallSigma0(w61) &+ w60
        sha512Round(e, f, g, &h, a, b, c, &d, 0x4cc5d4becb3e42b6 &+ w76)
        let w77 = sha512SmallSigma1(w75) &+ w70 &+ sha512SmallSigma0(w62) &+ w61
        sha512Round(d, e, f, &g, h, a, b, &c, 0x597f299cfc657e2a &+ w77)
        let w78 = sha512SmallSigma1(w76) &+ w71 &+ sha512SmallSigma0(w63) &+ w62
        sha512Round(c, d, e, &f, g, h, a, &b, 0x5fcb6fab3ad6faec &+ w78)
        let w79 = sha512SmallSigma1(w77) &+ w72 &+ sha512SmallSigma0(w64) &+ w63
        sha512Round(b, c, d, &e, f, g, h, &a, 0x6c44198c4a475817 &+ w79)
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }
}

@inline(__always)
func rotr64(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

/// σ0 and σ1 of the message schedule (§4.1.3 (4.12), (4.13)).
@inline(__always)
private func sha512SmallSigma0(_ x: UInt64) -> UInt64 { rotr64(x, 1) ^ rotr64(x, 8) ^ (x >> 7) }

@inline(__always)
private func sha512SmallSigma1(_ x: UInt64) -> UInt64 { rotr64(x, 19) ^ rotr64(x, 61) ^ (x >> 6) }

/// One round (§6.4.2 step 3); see `sha256Round`.
@inline(__always)
private func sha512Round(
    _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
    _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64
) {
    let bigSigma1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)
    let choose = g ^ (e & (f ^ g))
    let t1 = (h &+ kw) &+ choose &+ bigSigma1
    let bigSigma0 = rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ bigSigma0 &+ majority
}
