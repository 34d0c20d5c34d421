// Fixsliced AES state: four 16-byte blocks held as eight 64-bit bit-planes.
//
// Technique: Adomnicai & Peyrin, "Fixslicing AES-like Ciphers" (TCHES 2021/1), on 64-bit words
// in the Käsper–Schwabe bitsliced layout. Word `p` (0...7) holds bit `p` of every state byte; inside a
// word, the byte in row r, column c of block b sits at bit 16·r + 4·c + b. A row is then a 16-bit
// lane, a column step is a 4-bit rotation, and every operation below is a fixed sequence of
// AND/XOR/shift/rotate: no table, no branch, no memory index depends on the data.
//
// Fixslicing drops ShiftRows from the rounds. Round i (1 ≤ i < Nr) uses the MixColumns variant
// `i mod 4`, whose row rotations also rotate columns to match a state left un-shifted for
// `i mod 4` rounds; the round keys are pre-shifted to match (see AESRoundKeys), and one ShiftRows²
// before the last round restores the standard layout when Nr ≡ 2 (mod 4).

@usableFromInline
struct FixslicedState {
    @usableFromInline var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64
    @usableFromInline var w4: UInt64, w5: UInt64, w6: UInt64, w7: UInt64

    /// Packs the 64 bytes at `blocks` (four consecutive AES blocks) into bit-planes.
    @inline(__always) @usableFromInline
    init(packing blocks: UnsafeRawPointer) {
        // Per block: `even` holds columns 0 and 2, `odd` columns 1 and 3, one byte per
        // (row, column-high-bit): bit 16r + 8·(c >> 1) + p. Word index = 4·(c & 1) + block.
        var t = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        @inline(__always) func split(_ offset: Int) -> (even: UInt64, odd: UInt64) {
            let lo = loadLittleEndianUInt64(blocks, offset)       // columns 0, 1
            let hi = loadLittleEndianUInt64(blocks, offset + 8)   // columns 2, 3
            let even = spreadBytes(UInt32(truncatingIfNeeded: lo)) | (spreadBytes(UInt32(truncatingIfNeeded: hi)) << 8)
            let odd = spreadBytes(UInt32(truncatingIfNeeded: lo >> 32)) | (spreadBytes(UInt32(truncatingIfNeeded: hi >> 32)) << 8)
            return (even, odd)
        }
        (t.0, t.4) = split(0)
        (t.1, t.5) = split(16)
        (t.2, t.6) = split(32)
        (t.3, t.7) = split(48)
        // Exchange word-index bits (block b0, b1, column c0) with bit-index bits (p0, p1, p2).
        FixslicedState.transpose(&t)
        (w0, w1, w2, w3, w4, w5, w6, w7) = t
    }

    /// Writes the four blocks back as 64 bytes at `blocks` (inverse of `init(packing:)`).
    @inline(__always) @usableFromInline
    func unpack(into blocks: UnsafeMutableRawPointer) {
        var t = (w0, w1, w2, w3, w4, w5, w6, w7)
        FixslicedState.transpose(&t)
        @inline(__always) func join(_ even: UInt64, _ odd: UInt64, _ offset: Int) {
            let lo = UInt64(gatherBytes(even)) | (UInt64(gatherBytes(odd)) << 32)
            let hi = UInt64(gatherBytes(even >> 8)) | (UInt64(gatherBytes(odd >> 8)) << 32)
            storeLittleEndian(lo, blocks, offset)
            storeLittleEndian(hi, blocks, offset + 8)
        }
        join(t.0, t.4, 0)
        join(t.1, t.5, 16)
        join(t.2, t.6, 32)
        join(t.3, t.7, 48)
    }

    /// Swaps word-index bit k with bit-index bit k, for k = 0, 1, 2. Each swap is an involution
    /// and they act on disjoint index bits, so the same routine packs and unpacks.
    @inline(__always)
    static func transpose(_ t: inout (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        @inline(__always) func swap(_ low: inout UInt64, _ high: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
            let d = ((low >> shift) ^ high) & mask
            high ^= d
            low ^= d << shift
        }
        let m1: UInt64 = 0x5555_5555_5555_5555, m2: UInt64 = 0x3333_3333_3333_3333, m4: UInt64 = 0x0F0F_0F0F_0F0F_0F0F
        swap(&t.0, &t.1, 1, m1); swap(&t.2, &t.3, 1, m1); swap(&t.4, &t.5, 1, m1); swap(&t.6, &t.7, 1, m1)
        swap(&t.0, &t.2, 2, m2); swap(&t.1, &t.3, 2, m2); swap(&t.4, &t.6, 2, m2); swap(&t.5, &t.7, 2, m2)
        swap(&t.0, &t.4, 4, m4); swap(&t.1, &t.5, 4, m4); swap(&t.2, &t.6, 4, m4); swap(&t.3, &t.7, 4, m4)
    }

    // MARK: Round functions

    @inline(__always) @usableFromInline
    mutating func addRoundKey(_ k: UnsafePointer<UInt64>) {
        w0 ^= k[0]; w1 ^= k[1]; w2 ^= k[2]; w3 ^= k[3]
        w4 ^= k[4]; w5 ^= k[5]; w6 ^= k[6]; w7 ^= k[7]
    }

    /// SubBytes without the four output NOTs (the affine constant 0x63), which the round keys
    /// absorb: MixColumns maps a column of equal bytes to itself, so the constant passes through.
    @inline(__always) @usableFromInline
    mutating func subBytesWithoutNots() {
        (w7, w6, w5, w4, w3, w2, w1, w0) = aesSBoxCircuit(w7, w6, w5, w4, w3, w2, w1, w0)
    }

    /// MixColumns for a state left un-shifted for `variant` rounds (FIPS 197 §5.1.3 with the
    /// fixslicing row/column rotations). `variant` is a compile-time round index mod 4.
    @inline(__always) @usableFromInline
    mutating func mixColumns(variant: Int) {
        @inline(__always) func r1(_ x: UInt64) -> UInt64 { rotateRowsColumns(x, rows: 1, columns: variant) }
        @inline(__always) func r2(_ x: UInt64) -> UInt64 { rotateRowsColumns(x, rows: 2, columns: (2 &* variant) & 3) }
        // out = 2·(a ⊕ a') ⊕ a' ⊕ (a'' ⊕ a''') per column, with a' = next row (after rotation).
        let b0 = r1(w0), b1 = r1(w1), b2 = r1(w2), b3 = r1(w3), b4 = r1(w4), b5 = r1(w5), b6 = r1(w6), b7 = r1(w7)
        let c0 = w0 ^ b0, c1 = w1 ^ b1, c2 = w2 ^ b2, c3 = w3 ^ b3
        let c4 = w4 ^ b4, c5 = w5 ^ b5, c6 = w6 ^ b6, c7 = w7 ^ b7
        // xtime(c): shift up one plane, reduce by x^8 = x^4 + x^3 + x + 1.
        w0 = b0 ^ c7 ^ r2(c0)
        w1 = b1 ^ c0 ^ c7 ^ r2(c1)
        w2 = b2 ^ c1 ^ r2(c2)
        w3 = b3 ^ c2 ^ c7 ^ r2(c3)
        w4 = b4 ^ c3 ^ c7 ^ r2(c4)
        w5 = b5 ^ c4 ^ r2(c5)
        w6 = b6 ^ c5 ^ r2(c6)
        w7 = b7 ^ c6 ^ r2(c7)
    }

    /// ShiftRows applied twice: rows 1 and 3 swap their column halves.
    @inline(__always) @usableFromInline
    mutating func shiftRowsTwice() {
        @inline(__always) func f(_ x: UInt64) -> UInt64 {
            let d = (x ^ (x >> 8)) & 0x00FF_0000_00FF_0000
            return x ^ d ^ (d << 8)
        }
        w0 = f(w0); w1 = f(w1); w2 = f(w2); w3 = f(w3)
        w4 = f(w4); w5 = f(w5); w6 = f(w6); w7 = f(w7)
    }
}

/// Moves state byte (r + rows, c + columns) to (r, c) in every block: rows rotate as whole 16-bit
/// lanes, columns inside each lane.
@inline(__always) @usableFromInline
func rotateRowsColumns(_ x: UInt64, rows: Int, columns: Int) -> UInt64 {
    let distance = 16 &* rows &+ 4 &* columns
    if columns == 0 { return x.rotateRight(distance) }
    // Columns c < 4 − columns come from the same lane; the rest wrap into the previous lane.
    let lane: UInt64 = (1 << UInt64(16 &- 4 &* columns)) &- 1
    let sameLane = lane &* 0x0001_0001_0001_0001
    return (x.rotateRight(distance) & sameLane) | (x.rotateRight(distance &- 16) & ~sameLane)
}

extension UInt64 {
    @inline(__always) @usableFromInline
    func rotateRight(_ n: Int) -> UInt64 {
        (self &>> UInt64(n)) | (self &<< UInt64((64 &- n) & 63))
    }
}

/// Byte i of `x` to byte 2i of the result.
@inline(__always) @usableFromInline
func spreadBytes(_ x: UInt32) -> UInt64 {
    var v = UInt64(x)
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF
    return v
}

/// Byte 2i of `x` to byte i of the result (inverse of `spreadBytes`).
@inline(__always) @usableFromInline
func gatherBytes(_ x: UInt64) -> UInt32 {
    var v = x & 0x00FF_00FF_00FF_00FF
    v = (v | (v >> 8)) & 0x0000_FFFF_0000_FFFF
    v = v | (v >> 16)
    return UInt32(truncatingIfNeeded: v)
}
