// AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8) on raw memory, in place. The public API (one-shot and
// `PreparedKey`) checks lengths and calls these.

/// The largest plaintext one (key, nonce) can encrypt: 2^32 − 1 blocks of 64 bytes (RFC 8439 §2.8).
let chachaPolyMaximumMessageSize = 274_877_906_880

/// Ciphertext is encrypted and then authenticated in slices of this size, while it is still in cache.
private let interleaveStride = 4096

extension ChaCha20State {
    /// RFC 8439 §2.6: the Poly1305 one-time key is the first 32 bytes of block 0.
    func oneTimeAuthenticator() -> Poly1305 {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { block in
            self.block(counter: 0, into: block.baseAddress!)
            let mac = Poly1305(key: UnsafeRawPointer(block.baseAddress!))
            // The one-time key is secret: do not leave it in this stack slot.
            block.initializeMemory(as: UInt8.self, repeating: 0)
            return mac
        }
    }

    /// Encrypts `buffer` in place (counter from 1) and writes the 16-byte tag over AAD ‖ ciphertext.
    func seal(inPlace buffer: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawPointer) {
        var mac = oneTimeAuthenticator()
        if let a = aad.baseAddress, aad.count > 0 { mac.absorbPadded(a, count: aad.count) }
        if let base = buffer.baseAddress {
            var done = 0
            var counter: UInt32 = 1
            while done < buffer.count {
                let n = min(interleaveStride, buffer.count - done)
                xor(from: base + done, to: base + done, count: n, counter: counter)
                mac.absorbPadded(base + done, count: n)  // only the last slice can be short
                done += n
                counter &+= UInt32(truncatingIfNeeded: interleaveStride / 64)
            }
        }
        mac.absorbLengths(aad.count, buffer.count)
        mac.finalize(into: tag)
    }

    /// Verifies `tag` over AAD ‖ ciphertext in constant time and only then decrypts `buffer` in place.
    /// Returns false, leaving `buffer` untouched, when the tag does not match.
    func open(inPlace buffer: UnsafeMutableRawBufferPointer, aad: UnsafeRawBufferPointer, tag: UnsafeRawPointer) -> Bool {
        var mac = oneTimeAuthenticator()
        if let a = aad.baseAddress, aad.count > 0 { mac.absorbPadded(a, count: aad.count) }
        if let base = buffer.baseAddress, buffer.count > 0 { mac.absorbPadded(base, count: buffer.count) }
        mac.absorbLengths(aad.count, buffer.count)
        let valid = withUnsafeTemporaryAllocation(byteCount: 16, alignment: 16) { expected in
            mac.finalize(into: expected.baseAddress!)
            return ConstantTime.isEqual(UnsafeRawBufferPointer(expected), UnsafeRawBufferPointer(start: tag, count: 16))
        }
        guard valid else { return false }
        if let base = buffer.baseAddress, buffer.count > 0 {
            xor(from: base, to: base, count: buffer.count, counter: 1)
        }
        return true
    }
}
