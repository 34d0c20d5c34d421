// Positive controls: deliberately leaky code that the check MUST flag. If memcheck reported no error
// for any of them, the check itself would be broken (secrets not marked, requests compiled out,
// valgrind not running), and the test fails.

/// A 256-entry table, standing in for the AES S-box of a table-based (leaky) implementation.
let leakyTable: [UInt8] = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) }
nonisolated(unsafe) var leakyCounter = 0

@inline(never) func leakyWork() { leakyCounter += 1 }

let positiveControls: [Operation] = [
    // A secret-indexed table lookup: the load address depends on the key byte.
    Operation("control-table-lookup") { inputs in
        let key = secret(inputs.bytes(16))
        var out: UInt8 = 0
        for byte in key { out ^= leakyTable[Int(byte)] }
        keep(out)
    },
    // A secret-dependent branch around a call (which the compiler cannot turn into a select).
    Operation("control-branch") { inputs in
        let scalar = secret(inputs.bytes(32))
        for byte in scalar where byte & 1 == 1 { leakyWork() }
    },
    // A tag compared with an early-exit comparison (`==` on arrays) instead of ConstantTime.
    Operation("control-early-exit-compare") { inputs in
        let expected = secret(inputs.bytes(16))
        let received = inputs.bytes(16)
        if expected == received { leakyWork() }
    },
]
