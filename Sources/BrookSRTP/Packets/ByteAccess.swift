// Big-endian loads and stores on raw packet memory, and typed-throws wrappers around arrays.

@inline(__always)
func loadBigEndian16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
    UInt16(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
}

@inline(__always)
func loadBigEndian32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

@inline(__always)
func loadBigEndian64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

@inline(__always)
func storeBigEndian32(_ value: UInt32, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
}

@inline(__always)
func storeBigEndian64(_ value: UInt64, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
}

/// `Array.withUnsafeMutableBytes` keeping the typed error.
@inline(__always)
func withMutableBytes<R, E: Error>(
    of array: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let result: Result<R, E> = array.withUnsafeMutableBytes { buffer in
        do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
}
