// Counter-mode keystream (NIST SP 800-38A §6.5), four blocks per cipher call.

/// How the counter block advances between blocks.
@usableFromInline
enum CounterIncrement {
    /// The whole 16-byte block as a big-endian integer mod 2^128 (AES-CTR, SRTP AES-CM).
    case full128
    /// Only the last 4 bytes, mod 2^32 (GCM's inc32, SP 800-38D §6.2).
    case low32
}

/// A 16-byte counter block as two big-endian halves.
@usableFromInline
struct CounterBlock {
    @usableFromInline var hi: UInt64
    @usableFromInline var lo: UInt64

    @inline(__always) @usableFromInline
    init(hi: UInt64, lo: UInt64) { self.hi = hi; self.lo = lo }

    @inline(__always) @usableFromInline
    init(loading p: UnsafeRawPointer) {
        hi = loadBigEndianUInt64(p, 0)
        lo = loadBigEndianUInt64(p, 8)
    }

    /// Advances by one, without branching on the counter value.
    @inline(__always) @usableFromInline
    mutating func increment(_ mode: CounterIncrement) {
        switch mode {
        case .full128:
            lo &+= 1
            hi &+= ConstantTime.isZeroMask(lo) & 1
        case .low32:
            lo = (lo & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(truncatingIfNeeded: lo) &+ 1)
        }
    }
}

extension AESRoundKeys {
    /// XORs `count` bytes of keystream starting at counter block `start` onto `input`, writing
    /// `output` (which may equal `input`). Out of line: the bulk loop holds the rounds once per
    /// counter rule rather than once per caller, which keeps the hot code in the op cache.
    @inline(never) @usableFromInline
    func applyCounterMode(
        from start: CounterBlock, _ mode: CounterIncrement,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int
    ) {
        var counter = start
        switch mode {
        case .full128:
            var blocks: KeystreamBatch = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &blocks) { b in
                let p = b.baseAddress!
                xorKeystream(input: input, output: output, count: count) {
                    for i in 0..<4 {
                        storeBigEndian(counter.hi, p, 16 &* i)
                        storeBigEndian(counter.lo, p, 16 &* i &+ 8)
                        counter.increment(.full128)
                    }
                    return FixslicedState(packing: UnsafeRawPointer(p))
                }
            }
        case .low32:
            // Only the last four bytes change (inc32): pack the fixed twelve once, then per call
            // only the four 32-bit counters (column 3 of each block).
            let fixed = FixslicedState(sameBlockTwelveBytes: counter)
            xorKeystream(input: input, output: output, count: count) {
                let c = UInt32(truncatingIfNeeded: counter.lo)
                counter.lo = (counter.lo & 0xFFFF_FFFF_0000_0000) | UInt64(c &+ 4)
                return FixslicedState(lastColumns: c, c &+ 1, c &+ 2, c &+ 3, over: fixed)
            }
        }
    }

    /// Runs the cipher on the packed counter blocks `next()` returns, four blocks at a time, and
    /// XORs the keystream onto `input`.
    @inline(__always) @usableFromInline
    func xorKeystream(
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int,
        _ next: () -> FixslicedState
    ) {
        var stream: KeystreamBatch = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &stream) { s in
            let ks = s.baseAddress!
            var offset = 0
            while offset < count {
                var state = next()
                encryptPacked(&state)
                state.unpack(into: ks)
                let chunk = min(64, count &- offset)
                if chunk == 64 {
                    for i in stride(from: 0, to: 64, by: 8) {
                        let x = input.loadUnaligned(fromByteOffset: offset &+ i, as: UInt64.self)
                        let k = ks.load(fromByteOffset: i, as: UInt64.self)
                        output.storeBytes(of: x ^ k, toByteOffset: offset &+ i, as: UInt64.self)
                    }
                } else {
                    // Last partial chunk.
                    for i in 0..<chunk {
                        let x = input.load(fromByteOffset: offset &+ i, as: UInt8.self)
                        let k = ks.load(fromByteOffset: i, as: UInt8.self)
                        output.storeBytes(of: x ^ k, toByteOffset: offset &+ i, as: UInt8.self)
                    }
                }
                offset &+= chunk
            }
            for i in 0..<64 { s[i] = 0 }
        }
    }
}

extension FixslicedState {
    /// Four copies of `block` with its last four bytes (the inc32 counter) zeroed.
    @inline(__always) @usableFromInline
    init(sameBlockTwelveBytes block: CounterBlock) {
        var blocks: KeystreamBatch = (0, 0, 0, 0, 0, 0, 0, 0)
        self = withUnsafeMutableBytes(of: &blocks) { b in
            let p = b.baseAddress!
            for i in 0..<4 {
                storeBigEndian(block.hi, p, 16 &* i)
                storeBigEndian(block.lo & 0xFFFF_FFFF_0000_0000, p, 16 &* i &+ 8)
            }
            return FixslicedState(packing: UnsafeRawPointer(p))
        }
    }

    /// `fixed` with the big-endian counters c0...c3 as bytes 12...15 (column 3) of blocks 0...3:
    /// `init(packing:)` specialised to words whose other columns are zero, which packing (a bit
    /// permutation) lets us XOR onto the packed fixed part.
    @inline(__always) @usableFromInline
    init(lastColumns c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32, over fixed: FixslicedState) {
        // Column 3 is the odd half of the high word: word index 4 + block, shifted by 8.
        var t = (UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                 spreadBytes(c0.byteSwapped) << 8, spreadBytes(c1.byteSwapped) << 8,
                 spreadBytes(c2.byteSwapped) << 8, spreadBytes(c3.byteSwapped) << 8)
        FixslicedState.transpose(&t)
        w0 = fixed.w0 ^ t.0; w1 = fixed.w1 ^ t.1; w2 = fixed.w2 ^ t.2; w3 = fixed.w3 ^ t.3
        w4 = fixed.w4 ^ t.4; w5 = fixed.w5 ^ t.5; w6 = fixed.w6 ^ t.6; w7 = fixed.w7 ^ t.7
    }
}
