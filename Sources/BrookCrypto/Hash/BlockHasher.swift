// The Merkle–Damgård framing shared by SHA-1, SHA-256, SHA-384 and SHA-512 (FIPS 180-4 §5.1,
// §6): buffer input into blocks, feed whole blocks to a compression function, and pad the
// last block with 0x80, zeros and the message length in bits.

/// A compression function and the chaining value it updates.
@usableFromInline
protocol BlockCompression: Sendable {
    /// The block size in bytes: 64 (SHA-1, SHA-256) or 128 (SHA-384, SHA-512).
    static var blockByteCount: Int { get }
    /// The size of the big-endian bit-length field that ends the padding: 8 or 16 bytes.
    static var lengthFieldByteCount: Int { get }
    /// Absorbs `blockCount` consecutive whole blocks starting at `blocks`.
    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int)
}

/// Up to 128 bytes of input waiting for a whole block, held inline.
@usableFromInline
typealias PendingBlock = (
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
)

/// A hasher in progress: chaining value, a partial block, and the byte count so far. A value
/// type with no heap storage; copying it forks the computation.
@usableFromInline
struct BlockHasher<Compression: BlockCompression>: Sendable {
    @usableFromInline var state: Compression
    @usableFromInline var pending: PendingBlock = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var pendingCount: Int = 0
    @usableFromInline var totalByteCount: UInt64 = 0

    @inlinable
    init(initialState: Compression) {
        self.state = initialState
    }

    @inlinable
    mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var source = input.baseAddress, input.count > 0 else { return }
        var remaining = input.count
        let blockSize = Compression.blockByteCount
        totalByteCount &+= UInt64(truncatingIfNeeded: remaining)

        if pendingCount > 0 {
            let take = min(blockSize - pendingCount, remaining)
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.advanced(by: pendingCount).copyMemory(from: source, byteCount: take)
            }
            pendingCount += take
            source += take
            remaining -= take
            guard pendingCount == blockSize else { return }
            withUnsafeBytes(of: pending) { state.compress($0.baseAddress!, blockCount: 1) }
            pendingCount = 0
        }

        let wholeBlocks = remaining / blockSize
        if wholeBlocks > 0 {
            state.compress(source, blockCount: wholeBlocks)
            source += wholeBlocks * blockSize
            remaining -= wholeBlocks * blockSize
        }

        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// The chaining value after padding (FIPS 180-4 §5.1.1, §5.1.2). Leaves `self` unchanged.
    @inlinable
    func finalState() -> Compression {
        var final = state
        var block = pending
        let blockSize = Compression.blockByteCount
        let lengthSize = Compression.lengthFieldByteCount
        let bitCountHigh = totalByteCount >> 61
        let bitCountLow = totalByteCount << 3
        withUnsafeMutableBytes(of: &block) { buffer in
            let base = buffer.baseAddress!
            base.storeBytes(of: 0x80, toByteOffset: pendingCount, as: UInt8.self)
            var used = pendingCount + 1
            if used > blockSize - lengthSize {
                (base + used).initializeMemory(as: UInt8.self, repeating: 0, count: blockSize - used)
                final.compress(base, blockCount: 1)
                used = 0
            }
            (base + used).initializeMemory(as: UInt8.self, repeating: 0, count: blockSize - 8 - used)
            if lengthSize == 16 {
                storeBigEndian(bitCountHigh, base, blockSize - 16)
            }
            storeBigEndian(bitCountLow, base, blockSize - 8)
            final.compress(base, blockCount: 1)
        }
        return final
    }
}
