// One measured operation: state built beforehand (allocating freely), one warm-up call, then the
// armed calls.
import CAllocCounter

/// What a probe runs: `operation(index)` performs call number `index` (0 is the warm-up, then
/// 1…iterations, armed); `verify` checks the results afterwards, with the counter disarmed.
struct ProbeBody {
    var operation: (_ index: Int) throws -> Void
    var verify: () throws -> Void = {}
}

struct Probe {
    let name: String
    /// Builds the state for `iterations` + 1 calls and returns the body.
    let prepare: (_ iterations: Int) throws -> ProbeBody

    init(_ name: String, prepare: @escaping (_ iterations: Int) throws -> ProbeBody) {
        self.name = name
        self.prepare = prepare
    }

    /// The allocating and freeing calls made during `iterations` armed calls of the body.
    func measure(iterations: Int) throws -> (allocations: UInt, frees: UInt) {
        let body = try prepare(iterations)
        try body.operation(0)
        var failure: (any Error)?
        brook_alloc_arm()
        for index in 1...iterations {
            do { try body.operation(index) } catch { failure = error; break }
        }
        brook_alloc_disarm()
        let counts = (brook_alloc_allocations(), brook_alloc_frees())
        if let failure { throw failure }
        try body.verify()
        return counts
    }
}

/// A failed sanity check inside a probe (a tag that should verify did not).
struct ProbeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Memory allocated once per probe, outside the armed calls.
final class ProbeBuffer {
    let bytes: UnsafeMutableRawBufferPointer

    init(count: Int, filler: UInt8 = 0) {
        bytes = .allocate(byteCount: max(count, 1), alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: filler)
    }

    /// Bytes `offset ..< offset + count`.
    func slice(_ offset: Int, _ count: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    deinit { bytes.deallocate() }
}

/// Keeps the optimiser from discarding a result.
@inline(never) func keep<T>(_ value: T) { withExtendedLifetime(value) {} }
