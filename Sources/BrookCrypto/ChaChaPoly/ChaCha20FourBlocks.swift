// ChaCha20 on four consecutive blocks at once (RFC 8439 §2.3–2.4), vectorised across blocks: lane j
// of each `SIMD4<UInt32>` holds one state word of block `counter + j`, so the quarter rounds are the
// scalar ones applied to whole vectors and no lane shuffles are needed until the output transpose.
// Every operation is an add, xor or fixed rotation: no branch or memory index depends on the key.

typealias ChaChaLanes = SIMD4<UInt32>

// The two shifted halves have no bits in common, so `&+` equals `|` here. Written with `|`, LLVM
// recognises a rotate, has no SSE2 vector rotate, and splits it into four scalar `rol`s; with `&+`
// it stays as two vector shifts and one OR.
@inline(__always)
private func rotatedLeft(_ x: ChaChaLanes, _ n: UInt32) -> ChaChaLanes {
    (x &<< n) &+ (x &>> (32 &- n))
}

// Rotation by 16 swaps the 16-bit halves of every lane: two word shuffles (pshuflw/pshufhw).
@inline(__always)
private func rotatedLeft16(_ x: ChaChaLanes) -> ChaChaLanes {
    let h = unsafeBitCast(x, to: SIMD8<UInt16>.self)
    return unsafeBitCast(SIMD8<UInt16>(h[1], h[0], h[3], h[2], h[5], h[4], h[7], h[6]), to: ChaChaLanes.self)
}

@inline(__always)
private func quarterRound(_ a: inout ChaChaLanes, _ b: inout ChaChaLanes, _ c: inout ChaChaLanes, _ d: inout ChaChaLanes) {
    a &+= b; d ^= a; d = rotatedLeft16(d)
    c &+= d; b ^= c; b = rotatedLeft(b, 12)
    a &+= b; d ^= a; d = rotatedLeft(d, 8)
    c &+= d; b ^= c; b = rotatedLeft(b, 7)
}

/// Transposes four word vectors `(a, b, c, d)` (lane j = block j) and XORs the results into 16-byte
/// rows: block j gets `(a[j], b[j], c[j], d[j])` at `offset + 64·j`. Little-endian hosts only.
@inline(__always)
private func xorTransposed(
    _ a: ChaChaLanes, _ b: ChaChaLanes, _ c: ChaChaLanes, _ d: ChaChaLanes,
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ offset: Int
) {
    let ab01 = ChaChaLanes(a[0], b[0], a[1], b[1])
    let cd01 = ChaChaLanes(c[0], d[0], c[1], d[1])
    let ab23 = ChaChaLanes(a[2], b[2], a[3], b[3])
    let cd23 = ChaChaLanes(c[2], d[2], c[3], d[3])
    let rows = (
        ChaChaLanes(lowHalf: ab01.lowHalf, highHalf: cd01.lowHalf),
        ChaChaLanes(lowHalf: ab01.highHalf, highHalf: cd01.highHalf),
        ChaChaLanes(lowHalf: ab23.lowHalf, highHalf: cd23.lowHalf),
        ChaChaLanes(lowHalf: ab23.highHalf, highHalf: cd23.highHalf)
    )
    @inline(__always) func apply(_ row: ChaChaLanes, _ at: Int) {
        let x = input.loadUnaligned(fromByteOffset: at, as: ChaChaLanes.self)
        output.storeBytes(of: x ^ row, toByteOffset: at, as: ChaChaLanes.self)
    }
    apply(rows.0, offset)
    apply(rows.1, offset + 64)
    apply(rows.2, offset + 128)
    apply(rows.3, offset + 192)
}

extension ChaCha20State {
    /// XORs the keystream of blocks `counter ..< counter + 4` into 256 bytes: reads `input`, writes
    /// `output` (which may be the same memory). The counter wraps modulo 2^32 as in RFC 8439 §2.4.
    /// Requires a little-endian host (the caller checks).
    @inline(__always)
    func xorFourBlocks(counter: UInt32, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        let c0 = ChaChaLanes(repeating: Self.sigma0), c1 = ChaChaLanes(repeating: Self.sigma1)
        let c2 = ChaChaLanes(repeating: Self.sigma2), c3 = ChaChaLanes(repeating: Self.sigma3)
        let i4 = ChaChaLanes(repeating: k0), i5 = ChaChaLanes(repeating: k1)
        let i6 = ChaChaLanes(repeating: k2), i7 = ChaChaLanes(repeating: k3)
        let i8 = ChaChaLanes(repeating: k4), i9 = ChaChaLanes(repeating: k5)
        let i10 = ChaChaLanes(repeating: k6), i11 = ChaChaLanes(repeating: k7)
        let i12 = ChaChaLanes(repeating: counter) &+ ChaChaLanes(0, 1, 2, 3)
        let i13 = ChaChaLanes(repeating: n0), i14 = ChaChaLanes(repeating: n1)
        let i15 = ChaChaLanes(repeating: n2)

        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        var x4 = i4, x5 = i5, x6 = i6, x7 = i7
        var x8 = i8, x9 = i9, x10 = i10, x11 = i11
        var x12 = i12, x13 = i13, x14 = i14, x15 = i15
        for _ in 0..<10 {
            quarterRound(&x0, &x4, &x8, &x12)
            quarterRound(&x1, &x5, &x9, &x13)
            quarterRound(&x2, &x6, &x10, &x14)
            quarterRound(&x3, &x7, &x11, &x15)
            quarterRound(&x0, &x5, &x10, &x15)
            quarterRound(&x1, &x6, &x11, &x12)
            quarterRound(&x2, &x7, &x8, &x13)
            quarterRound(&x3, &x4, &x9, &x14)
        }
        xorTransposed(x0 &+ c0, x1 &+ c1, x2 &+ c2, x3 &+ c3, input, output, 0)
        xorTransposed(x4 &+ i4, x5 &+ i5, x6 &+ i6, x7 &+ i7, input, output, 16)
        xorTransposed(x8 &+ i8, x9 &+ i9, x10 &+ i10, x11 &+ i11, input, output, 32)
        xorTransposed(x12 &+ i12, x13 &+ i13, x14 &+ i14, x15 &+ i15, input, output, 48)
    }
}
