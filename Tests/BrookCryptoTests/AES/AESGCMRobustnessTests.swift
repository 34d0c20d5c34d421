import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

@Suite("AES-GCM and AES-CTR robustness")
struct AESGCMRobustnessTests {
    @Test("Any single flipped bit of ciphertext, tag, AAD or nonce is rejected and the buffer is untouched")
    func singleBitFlips() throws {
        var rng = SeededGenerator(seed: 0xF11B)
        for round in 0..<3 {
            let keySize = [16, 24, 32][round]
            let key = try AES.GCM.PreparedKey(key: SymmetricKey(data: rng.bytes(keySize)))
            let nonce = rng.bytes(round == 2 ? 20 : 12), aad = rng.bytes(19), msg = rng.bytes(37 + 40 * round)
            let (ct, tag) = try AESTestSupport.seal(key, msg, nonce: nonce, aad: aad, tagCount: 16)
            func rejects(ct c: [UInt8], tag t: [UInt8], aad a: [UInt8], nonce n: [UInt8], _ what: String) {
                var buffer = c
                #expect(throws: CryptoKitError.authenticationFailure, "\(what)") {
                    try AESTestSupport.open(key, &buffer, nonce: n, aad: a, tag: t)
                }
                #expect(buffer == c, "\(what): buffer changed")
            }
            for bit in 0..<(ct.count * 8) {
                var c = ct; c[bit / 8] ^= 1 << (bit % 8)
                rejects(ct: c, tag: tag, aad: aad, nonce: nonce, "ciphertext bit \(bit)")
            }
            for bit in 0..<(tag.count * 8) {
                var t = tag; t[bit / 8] ^= 1 << (bit % 8)
                rejects(ct: ct, tag: t, aad: aad, nonce: nonce, "tag bit \(bit)")
            }
            for bit in 0..<(aad.count * 8) {
                var a = aad; a[bit / 8] ^= 1 << (bit % 8)
                rejects(ct: ct, tag: tag, aad: a, nonce: nonce, "aad bit \(bit)")
            }
            for bit in 0..<(nonce.count * 8) {
                var n = nonce; n[bit / 8] ^= 1 << (bit % 8)
                rejects(ct: ct, tag: tag, aad: aad, nonce: n, "nonce bit \(bit)")
            }
            // Truncated and extended ciphertexts and AAD also fail.
            rejects(ct: Array(ct.dropLast()), tag: tag, aad: aad, nonce: nonce, "short ciphertext")
            rejects(ct: ct + [0], tag: tag, aad: aad, nonce: nonce, "long ciphertext")
            rejects(ct: ct, tag: tag, aad: aad + [0], nonce: nonce, "long aad")
            // The untouched inputs still open.
            var buffer = ct
            try AESTestSupport.open(key, &buffer, nonce: nonce, aad: aad, tag: tag)
            #expect(buffer == msg)
        }
    }

    @Test("Wrong key sizes are .incorrectKeySize")
    func wrongKeySizes() {
        for size in [0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 48, 64] {
            let key = SymmetricKey(data: [UInt8](repeating: 7, count: size))
            #expect(throws: CryptoKitError.incorrectKeySize) { try AES.GCM.PreparedKey(key: key) }
            #expect(throws: CryptoKitError.incorrectKeySize) { try AES.CTR(key: key) }
            #expect(throws: CryptoKitError.incorrectKeySize) { try AES.GCM.seal([1, 2, 3], using: key) }
            #expect(throws: CryptoKitError.incorrectKeySize) { try AES.CTR.encrypt([1, 2, 3], using: key, initialCounter: [UInt8](repeating: 0, count: 16)) }
            var block = [UInt8](repeating: 0, count: 16)
            #expect(throws: CryptoKitError.incorrectKeySize) { try AES.permute(&block, key: key) }
        }
    }

    @Test("Bad parameter sizes are .incorrectParameterSize, never a trap")
    func badParameterSizes() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 1, count: 16))
        let prepared = try AES.GCM.PreparedKey(key: key)
        #expect(throws: CryptoKitError.incorrectParameterSize) { try AES.GCM.Nonce(data: [UInt8]()) }
        for tagCount in [0, 1, 3, 17, 32] {
            #expect(throws: CryptoKitError.incorrectParameterSize) {
                try AESTestSupport.seal(prepared, [1, 2], nonce: [UInt8](repeating: 0, count: 12), aad: [], tagCount: tagCount)
            }
            var buffer: [UInt8] = [1, 2]
            #expect(throws: CryptoKitError.incorrectParameterSize) {
                try AESTestSupport.open(prepared, &buffer, nonce: [UInt8](repeating: 0, count: 12), aad: [], tag: [UInt8](repeating: 0, count: tagCount))
            }
            #expect(buffer == [1, 2])
        }
        #expect(throws: CryptoKitError.incorrectParameterSize) { try AESTestSupport.seal(prepared, [1], nonce: [], aad: [], tagCount: 16) }
        var buffer: [UInt8] = [9]
        #expect(throws: CryptoKitError.incorrectParameterSize) {
            try AESTestSupport.open(prepared, &buffer, nonce: [], aad: [], tag: [UInt8](repeating: 0, count: 16))
        }
        // SealedBox: tags must be 16 bytes; combined needs nonce + tag.
        let nonce = try AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 12))
        #expect(throws: CryptoKitError.incorrectParameterSize) { try AES.GCM.SealedBox(nonce: nonce, ciphertext: [1], tag: [UInt8](repeating: 0, count: 12)) }
        for size in [0, 1, 12, 27] {
            #expect(throws: CryptoKitError.incorrectParameterSize) { try AES.GCM.SealedBox(combined: [UInt8](repeating: 0, count: size)) }
        }
        // CTR counters must be 16 bytes; permute blocks must be 16 bytes.
        for size in [0, 8, 12, 15, 17, 32] {
            #expect(throws: CryptoKitError.incorrectParameterSize) { try AES.CTR.encrypt([1], using: key, initialCounter: [UInt8](repeating: 0, count: size)) }
            var block = [UInt8](repeating: 0, count: size)
            #expect(throws: CryptoKitError.incorrectParameterSize) { try AES.permute(&block, key: key) }
        }
    }

    @Test("Plaintext longer than 2^36 − 32 bytes is refused before any memory is touched")
    func lengthLimit() throws {
        let prepared = try AES.GCM.PreparedKey(key: SymmetricKey(data: [UInt8](repeating: 1, count: 32)))
        // A fake buffer description: validation must reject it by length alone (no byte is read).
        let fake = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: 0x1000), count: (1 << 36) - 31)
        var tag = [UInt8](repeating: 0, count: 16)
        let nonce = [UInt8](repeating: 0, count: 12)
        #expect(throws: CryptoKitError.incorrectParameterSize) {
            try tag.withUnsafeMutableBytes { t in
                try nonce.withUnsafeBytes { n in
                    try prepared.seal(inPlace: fake, nonce: n, authenticating: UnsafeRawBufferPointer(start: nil, count: 0), tag: t)
                }
            }
        }
        #expect(throws: CryptoKitError.incorrectParameterSize) {
            try tag.withUnsafeBytes { t in
                try nonce.withUnsafeBytes { n in
                    try prepared.open(inPlace: fake, nonce: n, authenticating: UnsafeRawBufferPointer(start: nil, count: 0), tag: t)
                }
            }
        }
    }

    @Test("SealedBox combined round trip; random nonces differ; empty buffers work")
    func sealedBoxForms() throws {
        let key = SymmetricKey(size: .bits256)
        let box = try AES.GCM.seal(Array("attack at dawn".utf8), using: key, authenticating: Array("hdr".utf8))
        let combined = try #require(box.combined)
        #expect(combined.count == 12 + 14 + 16)
        let reopened = try AES.GCM.SealedBox(combined: combined)
        #expect(try AES.GCM.open(reopened, using: key, authenticating: Array("hdr".utf8)) == Array("attack at dawn".utf8))
        #expect(throws: CryptoKitError.authenticationFailure) { try AES.GCM.open(reopened, using: key) }
        #expect(Array(AES.GCM.Nonce()) != Array(AES.GCM.Nonce()))
        let empty = try AES.GCM.seal([UInt8](), using: key)
        #expect(empty.ciphertext.isEmpty && empty.tag.count == 16)
        #expect(try AES.GCM.open(empty, using: key).isEmpty)
        #expect(try AES.CTR.encrypt([UInt8](), using: key, initialCounter: [UInt8](repeating: 0, count: 16)).isEmpty)
    }

    @Test("CTR keystream is the cipher applied to successive 128-bit counters, wrapping at 2^128")
    func ctrCounterWrap() throws {
        let key = SymmetricKey(data: Array(0..<16))
        let start = [UInt8](repeating: 0xFF, count: 15) + [0xFE]
        let stream = try AES.CTR.encrypt([UInt8](repeating: 0, count: 16 * 5), using: key, initialCounter: start)
        var counter = start
        for block in 0..<5 {
            var expected = counter
            try AES.permute(&expected, key: key)
            #expect(Array(stream[(16 * block)..<(16 * block + 16)]) == expected, "block \(block)")
            // Big-endian increment mod 2^128.
            var i = 15
            while i >= 0 { counter[i] &+= 1; if counter[i] != 0 { break }; i -= 1 }
        }
    }
}
