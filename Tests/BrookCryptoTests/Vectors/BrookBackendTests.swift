import Testing
@testable import BrookVectors

/// The runners check BrookCrypto itself: every algorithm they know must be wired in, or its vectors
/// would only ever be skipped.
@Suite("BrookCrypto backend of the vector runners")
struct BrookBackendTests {
    @Test("Every algorithm the runners know is provided by BrookCrypto")
    func complete() {
        let backend = CryptoBackend.brook
        #expect(Set(backend.aeads.keys) == ["AES-GCM", "CHACHA20-POLY1305"])
        #expect(Set(backend.macs.keys) == ["HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512"])
        #expect(backend.p256SharedSecret != nil, "P-256 ECDH")
        #expect(backend.p256Verify != nil, "P-256 ECDSA")
        #expect(backend.x25519SharedSecret != nil, "X25519")
    }
}
