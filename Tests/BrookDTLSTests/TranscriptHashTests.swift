import BrookCrypto
@testable import BrookDTLS
import Testing

/// The running transcript hash of the provider seam: BrookCrypto's (a hasher fed message by
/// message) and the default of a provider without one (the bytes, hashed whole) give the one-shot
/// hash of everything fed so far at every digest, and a digest does not disturb what follows.
@Suite struct TranscriptHashTests {
    /// Messages of the lengths a handshake feeds: across block boundaries, empty ones included.
    static let pieces: [[UInt8]] = [61, 0, 1, 64, 127, 128, 129, 700, 3].enumerated().map { index, length in
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    }

    func check<P: DTLSCryptoProvider>(_: P.Type, sha384: Bool) {
        var running = P.startTranscriptHash(sha384: sha384)
        var fed: [UInt8] = []
        for piece in Self.pieces {
            piece.withUnsafeBytes { P.updateTranscriptHash(&running, with: $0) }
            fed += piece
            let expected = sha384 ? Array(SHA384.hash(data: fed)) : Array(SHA256.hash(data: fed))
            #expect(P.transcriptDigest(running) == expected, "\(P.self) sha384 \(sha384) after \(fed.count) bytes")
        }
    }

    @Test("BrookCryptoProvider's running hash equals the one-shot hash at every digest", arguments: [false, true])
    func brookCrypto(sha384: Bool) { check(BrookCryptoProvider.self, sha384: sha384) }

    @Test("the default running hash of a provider without one equals it too", arguments: [false, true])
    func buffered(sha384: Bool) { check(CountingProvider.self, sha384: sha384) }
}
