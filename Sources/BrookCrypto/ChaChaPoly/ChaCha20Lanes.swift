// Lane vectors for ChaCha20 across blocks: lane j of every state-word vector belongs to block
// `counter + j`. `SIMD4<UInt32>` runs four blocks (one SSE/NEON register per word); `SIMD8<UInt32>`
// runs eight, which measures faster on x86-64 even as register pairs, because the two independent
// halves keep more instructions in flight.
//
// The arithmetic is a protocol requirement implemented on each concrete type, not the SIMD
// operators called generically: the stdlib's generic SIMD operators are lane-by-lane loops, which
// LLVM rebuilds into scalar code (and scalar `rol`s), while the concrete overloads map to vector
// instructions. Specialised and inlined, the generic rounds then compile to pure vector code.

/// A vector of ChaCha20 state words, one lane per block.
protocol ChaChaLanes: SIMD where Scalar == UInt32 {
    /// 0, 1, 2, …: added to the block counter so each lane gets its own block.
    static var chachaLaneOffsets: Self { get }

    /// Lane-wise `self &+ other`.
    func chachaAdding(_ other: Self) -> Self

    /// Lane-wise `self ^ other`.
    func chachaXoring(_ other: Self) -> Self

    /// Every lane rotated left by `n` bits, 0 < n < 32.
    func chachaRotatedLeft(_ n: UInt32) -> Self

    /// Every lane rotated left by 16 bits.
    func chachaRotatedLeft16() -> Self

    /// Transposes four word vectors `(a, b, c, d)` and XORs them into 16-byte rows of `input`, writing
    /// `output`: block j gets `(a[j], b[j], c[j], d[j])` at `offset + 64·j`. Little-endian hosts only.
    static func chachaXorTransposed(
        _ a: Self, _ b: Self, _ c: Self, _ d: Self,
        _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ offset: Int)
}

extension SIMD4<UInt32>: ChaChaLanes {
    @inline(__always) func chachaAdding(_ other: Self) -> Self { self &+ other }
    @inline(__always) func chachaXoring(_ other: Self) -> Self { self ^ other }

    // The two shifted halves share no bits, so `&+` equals `|`. Written with `|`, LLVM recognises a
    // rotate, finds no SSE2 vector rotate, and splits it into scalar `rol`s; with `&+` it stays two
    // vector shifts and an add.
    @inline(__always)
    func chachaRotatedLeft(_ n: UInt32) -> Self { (self &<< n) &+ (self &>> (32 &- n)) }

    @inline(__always)
    static var chachaLaneOffsets: Self { Self(0, 1, 2, 3) }

    // Swapping the 16-bit halves of each lane: two word shuffles (pshuflw/pshufhw).
    @inline(__always)
    func chachaRotatedLeft16() -> Self {
        let h = unsafeBitCast(self, to: SIMD8<UInt16>.self)
        return unsafeBitCast(SIMD8<UInt16>(h[1], h[0], h[3], h[2], h[5], h[4], h[7], h[6]), to: Self.self)
    }

    @inline(__always)
    static func chachaXorTransposed(
        _ a: Self, _ b: Self, _ c: Self, _ d: Self,
        _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ offset: Int
    ) {
        let ab01 = Self(a[0], b[0], a[1], b[1])
        let cd01 = Self(c[0], d[0], c[1], d[1])
        let ab23 = Self(a[2], b[2], a[3], b[3])
        let cd23 = Self(c[2], d[2], c[3], d[3])
        @inline(__always) func apply(_ row: Self, _ at: Int) {
            let x = input.loadUnaligned(fromByteOffset: at, as: Self.self)
            output.storeBytes(of: x ^ row, toByteOffset: at, as: Self.self)
        }
        apply(Self(lowHalf: ab01.lowHalf, highHalf: cd01.lowHalf), offset)
        apply(Self(lowHalf: ab01.highHalf, highHalf: cd01.highHalf), offset + 64)
        apply(Self(lowHalf: ab23.lowHalf, highHalf: cd23.lowHalf), offset + 128)
        apply(Self(lowHalf: ab23.highHalf, highHalf: cd23.highHalf), offset + 192)
    }
}

extension SIMD8<UInt32>: ChaChaLanes {
    @inline(__always) func chachaAdding(_ other: Self) -> Self { self &+ other }
    @inline(__always) func chachaXoring(_ other: Self) -> Self { self ^ other }

    // `&+` rather than `|`: see SIMD4.
    @inline(__always)
    func chachaRotatedLeft(_ n: UInt32) -> Self { (self &<< n) &+ (self &>> (32 &- n)) }

    @inline(__always)
    static var chachaLaneOffsets: Self { Self(0, 1, 2, 3, 4, 5, 6, 7) }

    @inline(__always)
    func chachaRotatedLeft16() -> Self {
        Self(lowHalf: lowHalf.chachaRotatedLeft16(), highHalf: highHalf.chachaRotatedLeft16())
    }

    // Blocks 0–3 from the low halves, blocks 4–7 (256 bytes on) from the high halves.
    @inline(__always)
    static func chachaXorTransposed(
        _ a: Self, _ b: Self, _ c: Self, _ d: Self,
        _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ offset: Int
    ) {
        SIMD4.chachaXorTransposed(a.lowHalf, b.lowHalf, c.lowHalf, d.lowHalf, input, output, offset)
        SIMD4.chachaXorTransposed(a.highHalf, b.highHalf, c.highHalf, d.highHalf, input, output, offset + 256)
    }
}
