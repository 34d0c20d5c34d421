// AES key expansion (FIPS 197 §5.2) in constant time, producing round keys in the fixsliced
// layout, and the four-block forward cipher (FIPS 197 §5.1) that uses them.

/// Expanded AES-128/192/256 round keys, bit-sliced for four blocks and pre-shifted for fixslicing.
/// Immutable after init; the storage is wiped when the last reference goes away.
@usableFromInline
final class AESRoundKeys: @unchecked Sendable {
    /// Number of rounds: 10, 12 or 14.
    @usableFromInline let rounds: Int
    /// 8 words per round key, `rounds + 1` round keys.
    @usableFromInline let words: UnsafeMutablePointer<UInt64>

    /// Expands a 16-, 24- or 32-byte key; any other length is `.incorrectKeySize`.
    @usableFromInline
    init(key: some Collection<UInt8>) throws(CryptoKitError) {
        (rounds, words) = try withContiguousBytes(of: key) { (k) throws(CryptoKitError) in try AESRoundKeys.expand(k) }
    }

    /// Expands `key`; see `init(key:)`.
    @usableFromInline
    convenience init(key: SymmetricKey) throws(CryptoKitError) {
        try self.init(key: key.bytes)
    }

    private static func expand(_ key: UnsafeRawBufferPointer) throws(CryptoKitError) -> (Int, UnsafeMutablePointer<UInt64>) {
        guard key.count == 16 || key.count == 24 || key.count == 32 else { throw .incorrectKeySize }
        let nk = key.count / 4
        let rounds = nk + 6
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 8 * (rounds + 1))

        // Byte-oriented expansion into 4·(Nr+1) little-endian 32-bit words (byte 0 in the low bits).
        let total = 4 * (rounds + 1)
        var schedule = [UInt32](repeating: 0, count: total)
        for i in 0..<nk { schedule[i] = loadLittleEndianUInt32(key.baseAddress!, 4 * i) }
        var rcon: UInt32 = 1
        for i in nk..<total {
            var temp = schedule[i - 1]
            if i % nk == 0 {
                // RotWord moves byte 1 to byte 0; Rcon goes into byte 0.
                temp = subWord((temp >> 8) | (temp << 24)) ^ rcon
                rcon = UInt32(xtime(UInt8(rcon)))
            } else if nk > 6 && i % nk == 4 {
                temp = subWord(temp)
            }
            schedule[i] = schedule[i - nk] ^ temp
        }

        // Bit-slice each round key (same key in all four block slots). Keys 1...Nr absorb the
        // S-box constant; keys 1..<Nr are pre-shifted by ShiftRows^-(i mod 4) (fixslicing).
        var block = [UInt8](repeating: 0, count: 16)
        var four = [UInt8](repeating: 0, count: 64)
        for round in 0...rounds {
            for column in 0..<4 {
                let word = schedule[4 * round + column]
                for row in 0..<4 { block[4 * column + row] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(row))) }
            }
            let shift = round < rounds ? round % 4 : 0
            let constant: UInt8 = round == 0 ? 0 : 0x63
            for column in 0..<4 {
                for row in 0..<4 {
                    let source = 4 * ((column - shift * row) & 3) + row
                    for copy in 0..<4 { four[16 * copy + 4 * column + row] = block[source] ^ constant }
                }
            }
            let state = four.withUnsafeBytes { FixslicedState(packing: $0.baseAddress!) }
            let k = words + 8 * round
            (k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]) =
                (state.w0, state.w1, state.w2, state.w3, state.w4, state.w5, state.w6, state.w7)
        }
        wipe(&schedule)
        wipe(&block)
        wipe(&four)
        return (rounds, words)
    }

    deinit {
        let count = 8 * (rounds + 1)
        for i in 0..<count { words[i] = 0 }
        words.deallocate()
    }

    /// Encrypts the four consecutive blocks at `input` into `output` (which may equal `input`).
    /// One out-of-line copy of the rounds for all single-batch callers (instruction cache).
    @inline(never) @usableFromInline
    func encrypt4(_ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer) {
        var s = FixslicedState(packing: input)
        encryptPacked(&s)
        s.unpack(into: output)
    }

    /// The forward cipher (FIPS 197 §5.1) on four packed blocks.
    @inline(__always) @usableFromInline
    func encryptPacked(_ s: inout FixslicedState) {
        let k = UnsafePointer(words)
        let nr = rounds
        // Round i < Nr uses MixColumns variant i mod 4; the last round has no MixColumns and,
        // when Nr ≡ 2 (mod 4), first restores the ShiftRows count to a multiple of four.
        @inline(__always) func round(_ i: Int, variant: Int) {
            s.subBytesWithoutNots(); s.mixColumns(variant: variant); s.addRoundKey(k + 8 &* i)
        }
        @inline(__always) func lastRound(_ i: Int) {
            if i % 4 == 2 { s.shiftRowsTwice() }
            s.subBytesWithoutNots(); s.addRoundKey(k + 8 &* i)
        }
        s.addRoundKey(k)
        var i = 1
        // Rounds 1..<Nr in groups of four MixColumns variants (1, 2, 3, 0).
        while true {
            round(i, variant: 1); i &+= 1
            if i == nr { break }
            round(i, variant: 2); i &+= 1
            if i == nr { break }
            round(i, variant: 3); i &+= 1
            if i == nr { break }
            round(i, variant: 0); i &+= 1
        }
        lastRound(nr)
    }

    /// Encrypts one block (16 bytes at `input`) into `output`.
    @usableFromInline
    func encryptBlock(_ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer) {
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { b in
            b.baseAddress!.copyMemory(from: input, byteCount: 16)
            encrypt4(b.baseAddress!, b.baseAddress!)
            output.copyMemory(from: b.baseAddress!, byteCount: 16)
            for i in 0..<b.count { b[i] = 0 }
        }
    }
}

/// SubWord (FIPS 197 §5.2) through the bit-sliced S-box: byte j of `word` becomes bit j of each
/// plane. Everything stays in registers (no heap buffer to allocate or wipe); no branch or index
/// depends on the key.
private func subWord(_ word: UInt32) -> UInt32 {
    @inline(__always) func plane(_ p: UInt32) -> UInt64 {
        var value: UInt64 = 0
        for j: UInt32 in 0..<4 { value |= UInt64((word >> (8 * j + p)) & 1) << UInt64(j) }
        return value
    }
    @inline(__always) func unplane(_ value: UInt64, _ p: UInt32) -> UInt32 {
        var bits: UInt32 = 0
        for j: UInt32 in 0..<4 { bits |= UInt32(truncatingIfNeeded: (value >> UInt64(j)) & 1) << (8 * j + p) }
        return bits
    }
    let s = aesSBoxCircuit(plane(7), plane(6), plane(5), plane(4), plane(3), plane(2), plane(1), plane(0))
    // Output s0 is bit 7; restore the affine constant 0x63 (bits 0, 1, 5, 6).
    return unplane(~s.7, 0) | unplane(~s.6, 1) | unplane(s.5, 2) | unplane(s.4, 3)
        | unplane(s.3, 4) | unplane(~s.2, 5) | unplane(~s.1, 6) | unplane(s.0, 7)
}

/// Multiplication by x in GF(2^8) (public round constants only).
private func xtime(_ b: UInt8) -> UInt8 {
    (b << 1) ^ (0x1B & (0 &- (b >> 7)))
}

@inline(__always)
func wipe<T: FixedWidthInteger>(_ array: inout [T]) {
    for i in array.indices { array[i] = 0 }
}
