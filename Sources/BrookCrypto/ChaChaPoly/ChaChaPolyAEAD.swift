// AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8) on raw memory, in place. The public API (one-shot and
// `PreparedKey`) checks lengths and calls these.
//
// The first blocks are computed together as one vectorised group: block 0 gives the Poly1305 one-time
// key (§2.6) and the rest encrypt the start of the message, so a short packet costs one group
// instead of a scalar block plus a group. The group is blocks 0–3, or 0–7 when the message is
// longer than those three blocks.

/// The largest plaintext one (key, nonce) can encrypt: 2^32 − 1 blocks of 64 bytes (RFC 8439 §2.8).
let chachaPolyMaximumMessageSize = 274_877_906_880

/// Ciphertext is encrypted and then authenticated in slices of this size, while it is still in cache.
private let interleaveStride = 4096

extension ChaCha20State {
    /// Writes the keystream of blocks 0 ..< `blocks` (4 or 8) to `out` (64 · `blocks` bytes).
    private func firstGroup(blocks: Int, into out: UnsafeMutableRawPointer) {
        #if _endian(little)
        out.initializeMemory(as: UInt8.self, repeating: 0, count: 64 * blocks)
        if blocks == 8 {
            xorEightBlocks(counter: 0, input: UnsafeRawPointer(out), output: out)
        } else {
            xorFourBlocks(counter: 0, input: UnsafeRawPointer(out), output: out)
        }
        #else
        for i in 0..<blocks { block(counter: UInt32(i), into: out + 64 * i) }
        #endif
    }

    /// The size of the first group for a message of `count` bytes: eight blocks once the message
    /// needs more than blocks 1–3.
    private func firstGroupBlocks(_ count: Int) -> Int { count > 192 ? 8 : 4 }

    /// Encrypts `buffer` in place (counter from 1) and writes the 16-byte tag over AAD ‖ ciphertext.
    func seal(inPlace buffer: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawPointer) {
        let blocks = firstGroupBlocks(buffer.count)
        return withUnsafeTemporaryAllocation(byteCount: 512, alignment: 16) { group in
            let keystream = group.baseAddress!
            firstGroup(blocks: blocks, into: keystream)
            var mac = Poly1305(key: UnsafeRawPointer(keystream))
            if let a = aad.baseAddress, aad.count > 0 { mac.absorbPadded(a, count: aad.count) }
            if let base = buffer.baseAddress, buffer.count > 0 {
                let head = min(64 * (blocks - 1), buffer.count)
                Self.xorBytes(UnsafeRawPointer(base), UnsafeRawPointer(keystream + 64), base, head)
                mac.absorbPadded(base, count: head)  // a multiple of 16 unless it is the whole message
                var done = head
                var counter = UInt32(blocks)
                while done < buffer.count {
                    let n = min(interleaveStride, buffer.count - done)
                    xor(from: base + done, to: base + done, count: n, counter: counter)
                    mac.absorbPadded(base + done, count: n)
                    done += n
                    counter &+= UInt32(truncatingIfNeeded: interleaveStride / 64)
                }
            }
            // The one-time key and keystream are secret: do not leave them in this stack slot.
            SecretScratch.wipe(group)
            mac.absorbLengths(aad.count, buffer.count)
            mac.finalize(into: tag)
        }
    }

    /// Verifies `tag` over AAD ‖ ciphertext in constant time and only then decrypts `buffer` in place.
    /// Returns false, leaving `buffer` untouched, when the tag does not match.
    func open(inPlace buffer: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer, tag: UnsafeRawPointer) -> Bool {
        let blocks = firstGroupBlocks(buffer.count)
        return withUnsafeTemporaryAllocation(byteCount: 512, alignment: 16) { group in
            let keystream = group.baseAddress!
            firstGroup(blocks: blocks, into: keystream)
            var mac = Poly1305(key: UnsafeRawPointer(keystream))
            if let a = aad.baseAddress, aad.count > 0 { mac.absorbPadded(a, count: aad.count) }
            if let base = buffer.baseAddress, buffer.count > 0 { mac.absorbPadded(base, count: buffer.count) }
            mac.absorbLengths(aad.count, buffer.count)
            let valid = withUnsafeTemporaryAllocation(byteCount: 16, alignment: 16) { expected in
                mac.finalize(into: expected.baseAddress!)
                // The verdict is public: the caller learns it anyway (plaintext or an error).
                return declassified(ConstantTime.isEqual(UnsafeRawBufferPointer(expected), UnsafeRawBufferPointer(start: tag, count: 16)))
            }
            if valid, let base = buffer.baseAddress, buffer.count > 0 {
                let head = min(64 * (blocks - 1), buffer.count)
                Self.xorBytes(UnsafeRawPointer(base), UnsafeRawPointer(keystream + 64), base, head)
                if buffer.count > head {
                    xor(from: base + head, to: base + head, count: buffer.count - head, counter: UInt32(blocks))
                }
            }
            SecretScratch.wipe(group)
            return valid
        }
    }
}
