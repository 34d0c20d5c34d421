// ChaCha20 on several consecutive blocks at once (RFC 8439 §2.3–2.4), vectorised across blocks: the
// quarter rounds are the scalar ones applied to whole lane vectors (`ChaChaLanes`), so no lane
// shuffles are needed until the output transpose. Every operation is an add, xor or fixed rotation:
// no branch or memory index depends on the key.

@inline(__always)
private func quarterRound<V: ChaChaLanes>(_ a: inout V, _ b: inout V, _ c: inout V, _ d: inout V) {
    a = a.chachaAdding(b); d = d.chachaXoring(a).chachaRotatedLeft16()
    c = c.chachaAdding(d); b = b.chachaXoring(c).chachaRotatedLeft(12)
    a = a.chachaAdding(b); d = d.chachaXoring(a).chachaRotatedLeft(8)
    c = c.chachaAdding(d); b = b.chachaXoring(c).chachaRotatedLeft(7)
}

extension ChaCha20State {
    /// XORs the keystream of blocks `counter ..< counter + V.scalarCount` into `64 · V.scalarCount`
    /// bytes: reads `input`, writes `output` (which may be the same memory). The counter wraps modulo
    /// 2^32 as in RFC 8439 §2.4. Requires a little-endian host (the caller checks).
    @inline(__always)
    func xorBlocks<V: ChaChaLanes>(_ lanes: V.Type, counter: UInt32, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        let c0 = V(repeating: Self.sigma0), c1 = V(repeating: Self.sigma1)
        let c2 = V(repeating: Self.sigma2), c3 = V(repeating: Self.sigma3)
        let i4 = V(repeating: k0), i5 = V(repeating: k1), i6 = V(repeating: k2), i7 = V(repeating: k3)
        let i8 = V(repeating: k4), i9 = V(repeating: k5), i10 = V(repeating: k6), i11 = V(repeating: k7)
        let i12 = V(repeating: counter).chachaAdding(V.chachaLaneOffsets)
        let i13 = V(repeating: n0), i14 = V(repeating: n1), i15 = V(repeating: n2)

        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        var x4 = i4, x5 = i5, x6 = i6, x7 = i7
        var x8 = i8, x9 = i9, x10 = i10, x11 = i11
        var x12 = i12, x13 = i13, x14 = i14, x15 = i15
        for _ in 0..<10 {
            // Column round.
            quarterRound(&x0, &x4, &x8, &x12)
            quarterRound(&x1, &x5, &x9, &x13)
            quarterRound(&x2, &x6, &x10, &x14)
            quarterRound(&x3, &x7, &x11, &x15)
            // Diagonal round.
            quarterRound(&x0, &x5, &x10, &x15)
            quarterRound(&x1, &x6, &x11, &x12)
            quarterRound(&x2, &x7, &x8, &x13)
            quarterRound(&x3, &x4, &x9, &x14)
        }
        V.chachaXorTransposed(x0.chachaAdding(c0), x1.chachaAdding(c1), x2.chachaAdding(c2), x3.chachaAdding(c3), input, output, 0)
        V.chachaXorTransposed(x4.chachaAdding(i4), x5.chachaAdding(i5), x6.chachaAdding(i6), x7.chachaAdding(i7), input, output, 16)
        V.chachaXorTransposed(x8.chachaAdding(i8), x9.chachaAdding(i9), x10.chachaAdding(i10), x11.chachaAdding(i11), input, output, 32)
        V.chachaXorTransposed(x12.chachaAdding(i12), x13.chachaAdding(i13), x14.chachaAdding(i14), x15.chachaAdding(i15), input, output, 48)
    }

    /// `xorBlocks` on four blocks (256 bytes).
    @inline(__always)
    func xorFourBlocks(counter: UInt32, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        xorBlocks(SIMD4<UInt32>.self, counter: counter, input: input, output: output)
    }

    /// `xorBlocks` on eight blocks (512 bytes).
    @inline(__always)
    func xorEightBlocks(counter: UInt32, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
        xorBlocks(SIMD8<UInt32>.self, counter: counter, input: input, output: output)
    }
}
