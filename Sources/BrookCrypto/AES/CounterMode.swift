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
    /// `output` (which may equal `input`).
    @inline(__always) @usableFromInline
    func applyCounterMode(
        from start: CounterBlock, _ mode: CounterIncrement,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int
    ) {
        var stream: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var counter = start
        withUnsafeMutableBytes(of: &stream) { s in
            let ks = s.baseAddress!
            var offset = 0
            while offset < count {
                for i in 0..<4 {
                    storeBigEndian(counter.hi, ks, 16 &* i)
                    storeBigEndian(counter.lo, ks, 16 &* i &+ 8)
                    counter.increment(mode)
                }
                encrypt4(ks, ks)
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
