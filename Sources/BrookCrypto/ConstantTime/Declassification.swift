// The points where a value computed from secrets becomes public by design (a tag check's verdict,
// a rejection-sampling verdict). `brook-ctcheck` runs the primitives under valgrind memcheck with
// the secrets marked undefined; it installs a hook here that marks these values defined again, so
// that only branches and addresses depending on secrets that are NOT public get reported.
// In normal use the hook is nil and `declassified(_:)` returns its argument unchanged.

/// Hooks for the secret-taint check (`brook-ctcheck`, a test tool). Not for applications.
@_spi(ConstantTimeValidation)
public enum ConstantTimeValidation {
    /// Called with the bytes of each value that `BrookCrypto` declares public although it was
    /// computed from secrets. Set once, before any cryptographic operation, by the check tool.
    nonisolated(unsafe) public static var declassifyHook: (@Sendable (UnsafeRawPointer, Int) -> Void)? = nil
}

/// `value` (a plain value: integers, limbs, points), declared public at this exact point. Each call
/// site says why the value is public.
@inline(__always) @usableFromInline
func declassified<T>(_ value: T) -> T {
    guard let hook = ConstantTimeValidation.declassifyHook else { return value }
    var copy = value
    withUnsafeBytes(of: &copy) { hook($0.baseAddress!, $0.count) }
    return copy
}

/// `bytes`, declared public at this exact point; see `declassified(_:)`.
@inline(__always) @usableFromInline
func declassified(_ bytes: [UInt8]) -> [UInt8] {
    guard let hook = ConstantTimeValidation.declassifyHook else { return bytes }
    bytes.withUnsafeBytes { if let base = $0.baseAddress { hook(base, $0.count) } }
    return bytes
}
