// A non-throwing AES-CTR entry point for per-packet paths (SRTP's AES-CM, RFC 3711 §4.1.1) that
// build the counter block from integers and never need to go through a byte buffer.

extension AES.CTR {
    /// XORs the keystream starting at the counter block `high ‖ low` (the two big-endian 64-bit
    /// halves of the 16-byte block, incremented as one 128-bit integer) onto `buffer`, in place.
    /// Any length, including zero; nothing is allocated.
    @inlinable
    public func applyKeystream(to buffer: UnsafeMutableRawBufferPointer, counterHigh high: UInt64, counterLow low: UInt64) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        keys.applyCounterMode(
            from: CounterBlock(hi: high, lo: low), .full128,
            input: UnsafeRawPointer(base), output: base, count: buffer.count)
    }
}
