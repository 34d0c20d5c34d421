// An optimisation barrier for masks. LLVM recognises a mask built from a comparison (for example
// `isEqualMask(digit, j)`) as "all ones or zero", rewrites `b ^ (mask & (a ^ b))` into a `select`
// on that comparison, and the x86 back end may then emit the select as a conditional jump over the
// copy: a secret-dependent branch, found by the secret-taint check (SECURITY.md) in the P-256 table
// scans. XORing the mask with a zero the optimiser cannot see through hides that it is all ones or
// zero, so the masked arithmetic stays arithmetic. (C libraries use an empty `asm` statement for
// this; Swift has none, so the zero lives in an exported global that any module could write.)

/// Always zero. Exported and mutable so that no optimiser may assume its value; never written.
@usableFromInline nonisolated(unsafe) var valueBarrierZero: UInt64 = 0

/// `mask`, unchanged, but opaque to the optimiser: it can no longer turn a selection by this mask
/// into a branch. Costs one load from L1 and one XOR.
@inline(__always) @usableFromInline
func valueBarrier(_ mask: UInt64) -> UInt64 { mask ^ valueBarrierZero }
