// The SHA-256 compression function (FIPS 180-4 §6.2.2), eight rounds per loop iteration with
// the working variables renamed instead of shifted, and the message schedule on the stack.

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
        sha256RoundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let k = k.baseAddress!, w = schedule.baseAddress!
                var block = blocks
                for _ in 0..<blockCount {
                    compressBlock(block, k, w)
                    block += 64
                }
                schedule.initialize(repeating: 0)
            }
        }
    }

    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, _ k: UnsafePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>) {
        // §6.2.2 step 1: the message schedule, with the round constant folded in.
        for t in 0..<16 { w[t] = loadBigEndianUInt32(block, 4 * t) }
        for t in 16..<64 {
            let x = w[t - 15], y = w[t - 2]
            let sigma0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
            let sigma1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
            w[t] = sigma1 &+ w[t - 7] &+ sigma0 &+ w[t - 16]
        }
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        var t = 0
        while t < 64 {
            sha256Round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
            sha256Round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
            sha256Round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
            sha256Round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
            sha256Round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
            sha256Round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
            sha256Round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
            sha256Round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
            t += 8
        }
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }
}

@inline(__always)
func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

/// One round (§6.2.2 step 3): `d` and `h` are the two variables that change; the caller renames
/// the others between rounds.
@inline(__always)
private func sha256Round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
) {
    let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ bigSigma1 &+ choose &+ kw
    let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ bigSigma0 &+ majority
}

/// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
/// 64 primes.
let sha256RoundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
]
