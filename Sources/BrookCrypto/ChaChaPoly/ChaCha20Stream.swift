// The ChaCha20 encryption algorithm (RFC 8439 §2.4): XOR with the keystream of blocks
// counter, counter + 1, ... Groups of eight blocks, then one of four, take the vectorised path; the
// tail is served from one more keystream group (or single blocks) on the stack, wiped after use.

extension ChaCha20State {
    /// Encrypts or decrypts `count` bytes: reads `input`, writes `output` (they may be the same
    /// memory, but must not otherwise overlap), starting at block `counter`.
    func xor(from input: UnsafeRawPointer, to output: UnsafeMutableRawPointer, count: Int, counter: UInt32) {
        var done = 0
        var counter = counter
        #if _endian(little)
        while count - done >= 512 {
            xorEightBlocks(counter: counter, input: input + done, output: output + done)
            done += 512
            counter &+= 8
        }
        if count - done >= 256 {
            xorFourBlocks(counter: counter, input: input + done, output: output + done)
            done += 256
            counter &+= 4
        }
        let tail = count - done
        if tail > 128 {
            // Three or four blocks left: one vectorised keystream group beats scalar blocks.
            withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { keystream in
                let ks = keystream.baseAddress!
                ks.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
                xorFourBlocks(counter: counter, input: ks, output: ks)
                Self.xorBytes(input + done, UnsafeRawPointer(ks), output + done, tail)
                SecretScratch.wipe(keystream)
            }
            return
        }
        #endif
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { keystream in
            let ks = keystream.baseAddress!
            while done < count {
                block(counter: counter, into: ks)
                let n = min(64, count - done)
                Self.xorBytes(input + done, UnsafeRawPointer(ks), output + done, n)
                done += n
                counter &+= 1
            }
            SecretScratch.wipe(keystream)
        }
    }

    /// Writes `count` bytes of keystream starting at block `counter` (RFC 8439 §2.4 applied to zeros).
    func keystream(into output: UnsafeMutableRawPointer, count: Int, counter: UInt32) {
        output.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        xor(from: UnsafeRawPointer(output), to: output, count: count, counter: counter)
    }
}

extension ChaCha20State {
    /// `out[i] = a[i] ^ b[i]` for `count` bytes, eight at a time where possible.
    @inline(__always)
    static func xorBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, _ count: Int) {
        var i = 0
        while count - i >= 8 {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            out.storeBytes(of: x, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            out.storeBytes(of: a.load(fromByteOffset: i, as: UInt8.self) ^ b.load(fromByteOffset: i, as: UInt8.self),
                           toByteOffset: i, as: UInt8.self)
            i += 1
        }
    }
}

/// Array conveniences over the raw ChaCha20 functions, for the RFC 8439 section vectors.
enum ChaCha20 {
    /// The 64-byte block `counter` for a 32-byte `key` and 12-byte `nonce` (RFC 8439 §2.3).
    static func block(key: [UInt8], nonce: [UInt8], counter: UInt32) -> [UInt8] {
        precondition(key.count == 32 && nonce.count == 12, "ChaCha20 takes a 32-byte key and a 12-byte nonce")
        let state = key.withUnsafeBytes { k in nonce.withUnsafeBytes { n in ChaCha20State(key: k.baseAddress!, nonce: n.baseAddress!) } }
        return [UInt8](unsafeUninitializedCapacity: 64) { out, initialized in
            state.block(counter: counter, into: out.baseAddress!)
            initialized = 64
        }
    }

    /// `data` XOR the keystream from block `counter` (RFC 8439 §2.4).
    static func xor(key: [UInt8], nonce: [UInt8], counter: UInt32, _ data: [UInt8]) -> [UInt8] {
        precondition(key.count == 32 && nonce.count == 12, "ChaCha20 takes a 32-byte key and a 12-byte nonce")
        let state = key.withUnsafeBytes { k in nonce.withUnsafeBytes { n in ChaCha20State(key: k.baseAddress!, nonce: n.baseAddress!) } }
        var out = data
        out.withUnsafeMutableBytes { b in
            if let base = b.baseAddress { state.xor(from: base, to: base, count: b.count, counter: counter) }
        }
        return out
    }
}
