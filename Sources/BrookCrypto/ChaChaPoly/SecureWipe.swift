// Zeroing of secret scratch memory that the optimizer may not remove. Zeros stored into a buffer that
// is about to be released are dead stores, and LLVM deletes them. Passing the buffer afterwards to a
// function compiled without optimization, whose effects the caller cannot see through, makes the
// stores observable, so they stay (and stay as fast vector stores).

/// Wiping of stack scratch that held keystream or one-time keys.
enum SecretScratch {
    /// Overwrites `buffer` with zeros in a way that survives optimization.
    @inline(__always)
    static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        base.initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count)
        opaqueUse(base)
    }

    /// Does nothing, opaquely: the optimizer must assume it reads the memory at `pointer`.
    @inline(never) @_optimize(none)
    static func opaqueUse(_ pointer: UnsafeMutableRawPointer) {}
}
