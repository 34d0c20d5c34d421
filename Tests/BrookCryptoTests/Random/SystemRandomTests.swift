import Glibc
import Testing
@testable import BrookCrypto

/// `SystemRandom` reads getrandom(2) through Glibc (issue 2), looping over short reads and EINTR.
@Suite("System CSPRNG (getrandom)")
struct SystemRandomTests {
    @Test("getrandom is resolved from the C library, so SystemRandom does not fall back")
    func resolved() {
        #expect(SystemEntropy.getrandom != nil)
    }

    /// A fill of 40 MiB (more than one getrandom call returns on kernels that cap a request at
    /// 32 MiB − 1 bytes) leaves no zero 4 KiB page anywhere, and a 1 MiB fill has every byte value
    /// with a count close to the uniform 4096 (a loose bound: 4096 ± 10 %, over six standard deviations).
    @Test("Large fills: every page written, bytes spread evenly")
    func largeFills() {
        let big = UnsafeMutableRawBufferPointer.allocate(byteCount: 40 << 20, alignment: 16)
        defer { big.deallocate() }
        big.initializeMemory(as: UInt8.self, repeating: 0)
        SystemRandom.fill(big)
        var zeroPages = 0
        for page in stride(from: 0, to: big.count, by: 4096) {
            var any: UInt8 = 0
            for i in page..<(page + 4096) { any |= big[i] }
            if any == 0 { zeroPages += 1 }
        }
        #expect(zeroPages == 0)

        var counts = [Int](repeating: 0, count: 256)
        for i in 0..<(1 << 20) { counts[Int(big[i])] += 1 }
        #expect(counts.allSatisfy { (3686...4506).contains($0) }, "byte counts \(counts.min()!)...\(counts.max()!)")
    }

    @Test("Two fills and successive next() words are distinct")
    func distinct() {
        var a = [UInt8](repeating: 0, count: 64), b = [UInt8](repeating: 0, count: 64)
        a.withUnsafeMutableBytes { SystemRandom.fill($0) }
        b.withUnsafeMutableBytes { SystemRandom.fill($0) }
        #expect(a != b)
        var rng = SystemRandom()
        let words = (0..<1000).map { _ in rng.next() }
        #expect(Set(words).count == 1000)
        // Through the generic path (one getrandom call per buffer) as well.
        var c = [UInt8](repeating: 0, count: 33)
        c.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
        #expect(c != [UInt8](repeating: 0, count: 33) && c != Array(a.prefix(33)))
    }

    /// The loop itself, over a source that returns short reads and EINTR the way getrandom(2) may.
    @Test("Short reads and EINTR are retried until the buffer is full")
    func shortReadsAndInterruptions() {
        var buffer = [UInt8](repeating: 0, count: 1000)
        var calls: [Int] = []
        var next: UInt8 = 1
        buffer.withUnsafeMutableBytes { bytes in
            SystemEntropy.fill(bytes) { pointer, count in
                calls.append(count)
                if calls.count % 3 == 2 { return .failure(EINTR) }
                let n = min(count, 97)
                for i in 0..<n { pointer.storeBytes(of: next, toByteOffset: i, as: UInt8.self); next &+= 1 }
                return .success(n)
            }
        }
        #expect(buffer == (0..<1000).map { UInt8(truncatingIfNeeded: $0 + 1) })
        #expect(calls.first == 1000 && calls.count == 11 + 5, "calls \(calls)")
        // Each retry asks for exactly what is still missing.
        var missing = 1000
        for (index, count) in calls.enumerated() {
            #expect(count == missing, "call \(index)")
            if (index + 1) % 3 != 2 { missing -= min(count, 97) }
        }
    }
}
