import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test func equalityFollowsBytes() {
        #expect(ConstantTime.isEqual([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!ConstantTime.isEqual([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!ConstantTime.isEqual([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(ConstantTime.isEqual([] as [UInt8], [] as [UInt8]))
        // A difference in any single bit of any byte is seen.
        for index in 0..<16 {
            for bit in 0..<8 {
                var b = [UInt8](repeating: 0xA5, count: 16)
                b[index] ^= 1 << bit
                #expect(!ConstantTime.isEqual([UInt8](repeating: 0xA5, count: 16), b))
            }
        }
    }

    @Test func masks() {
        #expect(ConstantTime.isZeroMask(0) == .max)
        #expect(ConstantTime.isZeroMask(1) == 0)
        #expect(ConstantTime.isZeroMask(1 << 63) == 0)
        #expect(ConstantTime.isEqualMask(7, 7) == .max)
        #expect(ConstantTime.isEqualMask(7, 8) == 0)
        #expect(ConstantTime.select(.max, 1, 2) == 1)
        #expect(ConstantTime.select(0, 1, 2) == 2)
    }

    @Test func symmetricKeyFromInjectedGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        #expect(SymmetricKey(size: .bits256, using: &a) == SymmetricKey(size: .bits256, using: &b))
        #expect(SymmetricKey(size: .bits128).bitCount == 128)
        #expect(SymmetricKey(size: .bits128) != SymmetricKey(size: .bits128))
    }
}
