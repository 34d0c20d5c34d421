// `Array.withUnsafe(Mutable)Bytes` rethrows untyped errors; these keep `throws(E)` intact.

@inlinable
func withMutableBytes<R, E: Error>(
    of array: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let result: Result<R, E> = array.withUnsafeMutableBytes { buffer in
        do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
}

@inlinable
func withBytes<R, E: Error>(
    of array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let result: Result<R, E> = array.withUnsafeBytes { buffer in
        do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
}
