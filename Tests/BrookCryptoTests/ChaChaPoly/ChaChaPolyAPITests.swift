import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// The public API's contracts: in place equals one-shot, forgeries fail without touching the buffer,
/// wrong lengths are typed errors, and the vectorised keystream equals the block function.
@Suite("ChaChaPoly API")
struct ChaChaPolyAPITests {
    static let lengths = [0, 1, 15, 16, 17, 63, 64, 65, 129, 255, 256, 257, 300, 1200, 4095, 4096, 4097, 9000]

    @Test func inPlaceEqualsOneShot() throws {
        var rng = SeededGenerator(seed: 1)
        for length in Self.lengths {
            let key = SymmetricKey(size: .bits256, using: &rng)
            let nonce = rng.bytes(12), aad = rng.bytes(length % 23), message = rng.bytes(length)
            let box = try ChaChaPoly.seal(message, using: key, nonce: try ChaChaPoly.Nonce(data: nonce), authenticating: aad)

            let prepared = try ChaChaPoly.PreparedKey(key: key)
            var buffer = message
            var tag = [UInt8](repeating: 0, count: 16)
            try buffer.withUnsafeMutableBytes { b in
                try nonce.withUnsafeBytes { n in
                    try aad.withUnsafeBytes { a in
                        try tag.withUnsafeMutableBytes { t in try prepared.seal(inPlace: b, nonce: n, authenticating: a, tag: t) }
                    }
                }
            }
            #expect(buffer == box.ciphertext, "length \(length)")
            #expect(tag == box.tag, "length \(length)")
            #expect(box.nonce == (try ChaChaPoly.Nonce(data: nonce)))

            try buffer.withUnsafeMutableBytes { b in
                try nonce.withUnsafeBytes { n in
                    try aad.withUnsafeBytes { a in
                        try tag.withUnsafeBytes { t in try prepared.open(inPlace: b, nonce: n, authenticating: a, tag: t) }
                    }
                }
            }
            #expect(buffer == message, "length \(length)")
            #expect(try ChaChaPoly.open(box, using: key, authenticating: aad) == message)
        }
    }

    @Test func emptyBuffersWithNilBaseAddresses() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 7, count: 32))
        let prepared = try ChaChaPoly.PreparedKey(key: key)
        let nonce = [UInt8](repeating: 1, count: 12)
        var tag = [UInt8](repeating: 0, count: 16)
        let empty = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        try nonce.withUnsafeBytes { n in
            try tag.withUnsafeMutableBytes { t in
                try prepared.seal(inPlace: empty, nonce: n, authenticating: UnsafeRawBufferPointer(empty), tag: t)
            }
        }
        let box = try ChaChaPoly.seal([UInt8](), using: key, nonce: try ChaChaPoly.Nonce(data: nonce))
        #expect(box.tag == tag)
        #expect(box.ciphertext.isEmpty)
        #expect(box.combined.count == 28)
        try nonce.withUnsafeBytes { n in
            try tag.withUnsafeBytes { t in
                try prepared.open(inPlace: empty, nonce: n, authenticating: UnsafeRawBufferPointer(empty), tag: t)
            }
        }
        #expect(try ChaChaPoly.open(box, using: key).isEmpty)
    }

    /// Every single-bit change to ciphertext, tag, AAD or nonce makes `open` throw
    /// `.authenticationFailure`, and the in-place buffer keeps its ciphertext.
    @Test func everyFlippedBitFailsAndLeavesTheBufferUnchanged() throws {
        var rng = SeededGenerator(seed: 2)
        let key = SymmetricKey(size: .bits256, using: &rng)
        let prepared = try ChaChaPoly.PreparedKey(key: key)
        let nonce = rng.bytes(12), aad = rng.bytes(13), message = rng.bytes(37)
        let box = try ChaChaPoly.seal(message, using: key, nonce: try ChaChaPoly.Nonce(data: nonce), authenticating: aad)
        let ciphertext = box.ciphertext, tag = box.tag

        func openInPlace(_ ct: [UInt8], _ n: [UInt8], _ a: [UInt8], _ t: [UInt8]) -> (CryptoKitError?, [UInt8]) {
            var buffer = ct
            do {
                try buffer.withUnsafeMutableBytes { b in
                    try n.withUnsafeBytes { n in
                        try a.withUnsafeBytes { a in
                            try t.withUnsafeBytes { t in try prepared.open(inPlace: b, nonce: n, authenticating: a, tag: t) }
                        }
                    }
                }
                return (nil, buffer)
            } catch {
                return (error as? CryptoKitError, buffer)
            }
        }
        #expect(openInPlace(ciphertext, nonce, aad, tag).1 == message)

        func flipped(_ bytes: [UInt8], _ bit: Int) -> [UInt8] {
            var b = bytes
            b[bit / 8] ^= 1 << (bit % 8)
            return b
        }
        var trials = 0
        for bit in 0..<(ciphertext.count * 8) {
            let forged = flipped(ciphertext, bit)
            let (error, buffer) = openInPlace(forged, nonce, aad, tag)
            #expect(error == .authenticationFailure)
            #expect(buffer == forged, "ciphertext bit \(bit): buffer changed")
            trials += 1
        }
        for bit in 0..<(tag.count * 8) {
            let (error, buffer) = openInPlace(ciphertext, nonce, aad, flipped(tag, bit))
            #expect(error == .authenticationFailure)
            #expect(buffer == ciphertext)
            #expect(throws: CryptoKitError.authenticationFailure) {
                try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: nonce + ciphertext + flipped(tag, bit)), using: key, authenticating: aad)
            }
            trials += 1
        }
        for bit in 0..<(aad.count * 8) {
            let (error, buffer) = openInPlace(ciphertext, nonce, flipped(aad, bit), tag)
            #expect(error == .authenticationFailure)
            #expect(buffer == ciphertext)
            trials += 1
        }
        for bit in 0..<(nonce.count * 8) {
            let (error, buffer) = openInPlace(ciphertext, flipped(nonce, bit), aad, tag)
            #expect(error == .authenticationFailure)
            #expect(buffer == ciphertext)
            trials += 1
        }
        #expect(trials == (37 + 16 + 13 + 12) * 8)
        // Truncating or extending the AAD, and a different key, fail too.
        #expect(openInPlace(ciphertext, nonce, Array(aad.dropLast()), tag).0 == .authenticationFailure)
        #expect(openInPlace(ciphertext, nonce, aad + [0], tag).0 == .authenticationFailure)
        #expect(throws: CryptoKitError.authenticationFailure) {
            try ChaChaPoly.open(box, using: SymmetricKey(size: .bits256, using: &rng), authenticating: aad)
        }
    }

    @Test func wrongLengthsAreTypedErrors() throws {
        let message: [UInt8] = [1, 2, 3]
        for size in [0, 16, 24, 31, 33, 64] {
            let key = SymmetricKey(data: [UInt8](repeating: 1, count: size))
            #expect(throws: CryptoKitError.incorrectKeySize) { try ChaChaPoly.seal(message, using: key) }
            #expect(throws: CryptoKitError.incorrectKeySize) { try ChaChaPoly.PreparedKey(key: key) }
            let box = try ChaChaPoly.SealedBox(combined: [UInt8](repeating: 0, count: 40))
            #expect(throws: CryptoKitError.incorrectKeySize) { try ChaChaPoly.open(box, using: key) }
        }
        for size in [0, 8, 11, 13, 16, 24] {
            #expect(throws: CryptoKitError.incorrectParameterSize) { try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: size)) }
        }
        for size in [0, 1, 27] {
            #expect(throws: CryptoKitError.incorrectParameterSize) { try ChaChaPoly.SealedBox(combined: [UInt8](repeating: 0, count: size)) }
        }
        let nonce = ChaChaPoly.Nonce()
        for size in [0, 15, 17, 32] {
            #expect(throws: CryptoKitError.incorrectParameterSize) {
                try ChaChaPoly.SealedBox(nonce: nonce, ciphertext: message, tag: [UInt8](repeating: 0, count: size))
            }
        }

        let prepared = try ChaChaPoly.PreparedKey(key: SymmetricKey(size: .bits256))
        var buffer = message
        for (nonceSize, tagSize) in [(11, 16), (13, 16), (0, 16), (12, 15), (12, 17), (12, 0)] {
            let n = [UInt8](repeating: 0, count: nonceSize)
            var t = [UInt8](repeating: 0, count: tagSize)
            #expect(throws: CryptoKitError.incorrectParameterSize) {
                try buffer.withUnsafeMutableBytes { b in
                    try n.withUnsafeBytes { n in
                        try t.withUnsafeMutableBytes { t in try prepared.seal(inPlace: b, nonce: n, authenticating: UnsafeRawBufferPointer(start: nil, count: 0), tag: t) }
                    }
                }
            }
            #expect(throws: CryptoKitError.incorrectParameterSize) {
                try buffer.withUnsafeMutableBytes { b in
                    try n.withUnsafeBytes { n in
                        try t.withUnsafeBytes { t in try prepared.open(inPlace: b, nonce: n, authenticating: UnsafeRawBufferPointer(start: nil, count: 0), tag: t) }
                    }
                }
            }
            #expect(buffer == message, "a rejected call must not touch the buffer")
        }
    }

    @Test func randomNoncesAndDefaultSeal() throws {
        let key = SymmetricKey(size: .bits256)
        let a = ChaChaPoly.Nonce(), b = ChaChaPoly.Nonce()
        #expect(Array(a).count == 12)
        #expect(a != b)
        let box1 = try ChaChaPoly.seal([1, 2, 3] as [UInt8], using: key)
        let box2 = try ChaChaPoly.seal([1, 2, 3] as [UInt8], using: key)
        #expect(box1.nonce != box2.nonce)
        #expect(try ChaChaPoly.open(box1, using: key) == [1, 2, 3])
        let rebuilt = try ChaChaPoly.SealedBox(nonce: box1.nonce, ciphertext: box1.ciphertext, tag: box1.tag)
        #expect(rebuilt.combined == box1.combined)
    }

    /// The eight- and four-block vectorised paths and the tail paths agree with the scalar block function,
    /// including across the 2^32 counter wrap (RFC 8439 §2.4: the counter is 32 bits).
    @Test func vectorisedKeystreamEqualsBlockFunction() {
        var rng = SeededGenerator(seed: 3)
        let key = rng.bytes(32), nonce = rng.bytes(12)
        for start: UInt32 in [0, 1, 2, 0xffff_fffa, 0xffff_fffd, 0xffff_ffff] {
            var expected: [UInt8] = []
            for i: UInt32 in 0..<20 { expected += ChaCha20.block(key: key, nonce: nonce, counter: start &+ i) }
            for length in [64, 128, 129, 192, 200, 256, 320, 511, 512, 700, 768, 960, 1023, 1024, 1200, 1280] {
                let stream = ChaCha20.xor(key: key, nonce: nonce, counter: start, [UInt8](repeating: 0, count: length))
                #expect(stream == Array(expected[0..<length]), "counter \(start), length \(length)")
            }
        }
    }
}
