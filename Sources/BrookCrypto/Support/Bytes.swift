// Small byte helpers shared by the primitives. Internal: not part of the public API.

/// Runs `body` over the bytes of `data`, contiguously, copying only when the collection has no
/// contiguous storage of its own.
@inlinable
func withContiguousBytes<C: Collection<UInt8>, R, E: Error>(
    of data: C, _ body: (UnsafeRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let result: Result<R, E>? = data.withContiguousStorageIfAvailable { (buffer) -> Result<R, E> in
        do throws(E) {
            return .success(try body(UnsafeRawBufferPointer(buffer)))
        } catch {
            return .failure(error)
        }
    }
    if let result { return try result.get() }
    let copy = Array(data)
    let copied: Result<R, E> = copy.withUnsafeBytes { (p) -> Result<R, E> in
        do throws(E) {
            return .success(try body(p))
        } catch {
            return .failure(error)
        }
    }
    return try copied.get()
}

@inline(__always) @usableFromInline
func loadBigEndianUInt32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

@inline(__always) @usableFromInline
func loadBigEndianUInt64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

@inline(__always) @usableFromInline
func loadLittleEndianUInt32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

@inline(__always) @usableFromInline
func loadLittleEndianUInt64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

@inline(__always) @usableFromInline
func storeBigEndian(_ value: UInt32, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
}

@inline(__always) @usableFromInline
func storeBigEndian(_ value: UInt64, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
}

@inline(__always) @usableFromInline
func storeLittleEndian(_ value: UInt32, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
}

@inline(__always) @usableFromInline
func storeLittleEndian(_ value: UInt64, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self)
}
