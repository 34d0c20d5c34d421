// The SHA-512 compression function (FIPS 180-4 §6.4.2), shared by SHA-384: eight rounds per loop
// iteration with the working variables renamed instead of shifted, message schedule on the stack.

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
        sha512RoundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { schedule in
                let k = k.baseAddress!, w = schedule.baseAddress!
                var block = blocks
                for _ in 0..<blockCount {
                    compressBlock(block, k, w)
                    block += 128
                }
                schedule.initialize(repeating: 0)
            }
        }
    }

    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, _ k: UnsafePointer<UInt64>, _ w: UnsafeMutablePointer<UInt64>) {
        // §6.4.2 step 1: the message schedule.
        for t in 0..<16 { w[t] = loadBigEndianUInt64(block, 8 * t) }
        for t in 16..<80 {
            let x = w[t - 15], y = w[t - 2]
            let sigma0 = rotr64(x, 1) ^ rotr64(x, 8) ^ (x >> 7)
            let sigma1 = rotr64(y, 19) ^ rotr64(y, 61) ^ (y >> 6)
            w[t] = sigma1 &+ w[t - 7] &+ sigma0 &+ w[t - 16]
        }
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        var t = 0
        while t < 80 {
            sha512Round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
            sha512Round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
            sha512Round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
            sha512Round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
            sha512Round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
            sha512Round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
            sha512Round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
            sha512Round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
            t += 8
        }
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }
}

@inline(__always)
func rotr64(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

/// One round (§6.4.2 step 3); see `sha256Round`.
@inline(__always)
private func sha512Round(
    _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
    _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64
) {
    let bigSigma1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ bigSigma1 &+ choose &+ kw
    let bigSigma0 = rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ bigSigma0 &+ majority
}

/// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first
/// 80 primes.
let sha512RoundConstants: [UInt64] = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]
