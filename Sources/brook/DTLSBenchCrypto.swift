import BrookCrypto
import BrookDTLS
import BrookX509

/// A provider that forwards to BrookCrypto and logs each call: the PRF, transcript-hash, record
/// AEAD and random-byte work of a handshake exactly as it occurs, for the bench to replay and time.
enum CountingCryptoProvider: DTLSCryptoProvider {
    enum Call {
        case prf(sha384: Bool, secretLength: Int, label: String, seedLength: Int, count: Int)
        case hash(sha384: Bool, length: Int)
        /// A running transcript hash (numbered in the order they were started): started, fed, read.
        case transcriptStart(hasher: Int, sha384: Bool)
        case transcriptUpdate(hasher: Int, length: Int)
        case transcriptDigest(hasher: Int)
        case prepareRecordKey(suite: DTLSCipherSuite, keyLength: Int)
        case seal(suite: DTLSCipherSuite, length: Int, aadLength: Int)
        case open(suite: DTLSCipherSuite, length: Int, aadLength: Int)
        case random(length: Int)
        case mac(keyLength: Int, messageLength: Int)
    }

    struct RecordKey: Sendable {
        let inner: BrookCryptoProvider.RecordKey
        let suite: DTLSCipherSuite
    }

    struct TranscriptHash: Sendable {
        var inner: BrookCryptoProvider.TranscriptHash
        let hasher: Int
    }

    /// The calls since the last reset (the bench is single-threaded; this is a tool, not a library).
    nonisolated(unsafe) static var log: [Call] = []
    nonisolated(unsafe) static var transcriptHashers = 0

    static func startTranscriptHash(sha384: Bool) -> TranscriptHash {
        defer { transcriptHashers += 1 }
        log.append(.transcriptStart(hasher: transcriptHashers, sha384: sha384))
        return TranscriptHash(inner: BrookCryptoProvider.startTranscriptHash(sha384: sha384), hasher: transcriptHashers)
    }

    static func updateTranscriptHash(_ hash: inout TranscriptHash, with bytes: UnsafeRawBufferPointer) {
        log.append(.transcriptUpdate(hasher: hash.hasher, length: bytes.count))
        BrookCryptoProvider.updateTranscriptHash(&hash.inner, with: bytes)
    }

    static func transcriptDigest(_ hash: TranscriptHash) -> [UInt8] {
        log.append(.transcriptDigest(hasher: hash.hasher))
        return BrookCryptoProvider.transcriptDigest(hash.inner)
    }

    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> RecordKey {
        log.append(.prepareRecordKey(suite: suite, keyLength: key.count))
        return RecordKey(inner: try BrookCryptoProvider.prepareRecordKey(key, for: suite), suite: suite)
    }

    static func seal(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        log.append(.seal(suite: key.suite, length: buffer.count, aadLength: aad.count))
        return BrookCryptoProvider.seal(key.inner, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }

    static func open(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool {
        log.append(.open(suite: key.suite, length: buffer.count, aadLength: aad.count))
        return BrookCryptoProvider.open(key.inner, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }

    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        log.append(.prf(sha384: sha384, secretLength: secret.count, label: label, seedLength: seed.count, count: count))
        return BrookCryptoProvider.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)
    }

    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] {
        log.append(.hash(sha384: sha384, length: data.count))
        return BrookCryptoProvider.hash(sha384: sha384, data)
    }

    // Key shares and signatures are not logged: the bench times them
    // itself, one by one, from what a handshake is known to need (see `HandshakeCryptoMeasurement`).

    typealias KeyShare = BrookCryptoProvider.KeyShare

    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        log.append(.mac(keyLength: key.count, messageLength: message.count))
        return BrookCryptoProvider.authenticationCode(key: key, message: message)
    }

    static func generateKeyShare(for group: DTLSNamedGroup, using rng: inout some RandomNumberGenerator) -> KeyShare {
        BrookCryptoProvider.generateKeyShare(for: group, using: &rng)
    }

    static func publicKey(of share: KeyShare) -> [UInt8] {
        BrookCryptoProvider.publicKey(of: share)
    }

    static func sharedSecret(_ share: KeyShare, peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8] {
        try BrookCryptoProvider.sharedSecret(share, peerPublicKey: peerPublicKey)
    }

    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey,
                     using rng: inout some RandomNumberGenerator) throws(DTLSError) -> [UInt8] {
        try BrookCryptoProvider.sign(message, with: key, using: &rng)
    }

    static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: P256.Signing.PublicKey) -> Bool {
        BrookCryptoProvider.isValidSignature(signature, for: message, publicKey: publicKey)
    }

    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        log.append(.random(length: buffer.count))
        BrookCryptoProvider.fillRandom(buffer, using: &rng)
    }
}

/// One kind of crypto operation a full handshake needs (both sides), how often, and its time
/// measured in the same run with the same BrookCrypto primitives.
struct HandshakeCryptoItem {
    var name: String
    var count: Int
    var secondsEach: Double = 0
    var seconds: Double { Double(count) * secondsEach }
    /// One operation of this kind (for the whole group of replayed seam calls: all of them once).
    var body: () throws -> Void
    /// How often `body` runs in one handshake.
    var bodyCount: Int

    init(name: String, count: Int, body: @escaping () throws -> Void, bodyCount: Int? = nil) {
        self.name = name
        self.count = count
        self.body = body
        self.bodyCount = bodyCount ?? count
    }

    /// One run of `body` is this many operations.
    var operationsPerBody: Int { count / bodyCount }
}

/// The handshake's crypto: its parts timed one by one, and all of them timed together in one body
/// (each part as often as a handshake needs it), which keeps the caches as mixed as a handshake does.
struct HandshakeCryptoMeasurement {
    var items: [HandshakeCryptoItem]
    var sequenceSeconds: Double
    var sumSeconds: Double { items.reduce(0) { $0 + $1.seconds } }
}

/// The crypto a full handshake needs, both sides together:
/// - ECDHE: a key pair and one agreement per side for the group (RFC 8422 §5.4, §5.10);
/// - ECDSA P-256: the server signs its ServerKeyExchange and the client verifies it; the client
///   signs its CertificateVerify over the transcript and the server verifies it (RFC 5246 §7.4.3, §7.4.8);
/// - the peer certificate's P-256 key decoded and checked to be a point on the curve, once per side
///   (the verifications above start from it; RFC 5480 §2.2);
/// - SHA-256 of the peer certificate for its fingerprint, once per side (matched, then reported);
/// - the PRF, transcript hashes, Finished-record AEAD, the server's cookie MACs (making the cookie,
///   checking it) and random bytes (hello randoms, cookie secrets), replayed from the provider
///   seam's log of a real handshake.
/// The certificates are made before the handshakes and are not part of them.
enum HandshakeCrypto {
    /// The parts, untimed: the caller times them (interleaved with the handshakes they belong to).
    static func plan(_ identities: DTLSBenchIdentities, group: DTLSNamedGroup) throws -> [HandshakeCryptoItem] {
        CountingCryptoProvider.log = []
        CountingCryptoProvider.transcriptHashers = 0
        var pair = DTLSBenchPair<CountingCryptoProvider>(client: identities.client, server: identities.server)
        guard pair.run() else { throw BenchError.failed("counting handshake failed") }
        let log = CountingCryptoProvider.log
        let transcriptLength = signedTranscriptLength(log)
        let certificateLength = identities.server.certificate.derEncoded.count
        let shareLength = group == .x25519 ? 32 : 65
        let serverKeyExchangeSigned = 64 + 4 + shareLength  // client_random ‖ server_random ‖ ECParameters ‖ point

        var items: [HandshakeCryptoItem] = []
        func add(_ name: String, _ count: Int, _ body: @escaping () throws -> Void) {
            items.append(HandshakeCryptoItem(name: name, count: count, body: body))
        }

        switch group {
        case .x25519:
            let peer = Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation
            add("x25519-keygen", 2) { blackHole(Curve25519.KeyAgreement.PrivateKey().publicKey) }
            let mine = Curve25519.KeyAgreement.PrivateKey()
            add("x25519-agreement", 2) {
                blackHole(try mine.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: peer)))
            }
        case .secp256r1:
            let peer = P256.KeyAgreement.PrivateKey().publicKey.x963Representation
            add("p256-keygen", 2) { blackHole(P256.KeyAgreement.PrivateKey().publicKey.x963Representation) }
            let mine = P256.KeyAgreement.PrivateKey()
            add("p256-ecdh", 2) {
                blackHole(try mine.sharedSecretFromKeyAgreement(with: P256.KeyAgreement.PublicKey(x963Representation: peer)))
            }
        }
        let signer = identities.server.privateKey
        for (what, length) in [("server-key-exchange", serverKeyExchangeSigned), ("certificate-verify", transcriptLength)] {
            let message = [UInt8](repeating: 0x5A, count: length)
            var rng = SystemRandom()
            add("p256-sign-\(what)", 1) { blackHole(try signer.signature(for: message, hedgingWith: &rng).derRepresentation) }
            let der = try signer.signature(for: message).derRepresentation
            let verifier = signer.publicKey
            add("p256-verify-\(what)", 1) {
                let signature = try P256.Signing.ECDSASignature(derRepresentation: der)
                guard verifier.isValidSignature(signature, for: message) else { throw BenchError.failed("verify") }
            }
        }
        let peerKey = identities.server.privateKey.publicKey.x963Representation
        add("p256-public-key-import", 2) { blackHole(try P256.Signing.PublicKey(x963Representation: peerKey)) }
        let certificate = [UInt8](repeating: 0x30, count: certificateLength)
        add("sha256-fingerprint", 2) { blackHole(SHA256.hash(data: certificate)) }
        return items + (try replay(log))
    }

    /// The length of the transcript at the first digest: the session hash, taken over the same
    /// messages the client's CertificateVerify then signs (RFC 7627 §3, RFC 5246 §7.4.8).
    private static func signedTranscriptLength(_ log: [CountingCryptoProvider.Call]) -> Int {
        var fed: [Int: Int] = [:]
        for call in log {
            switch call {
            case let .hash(_, length): return length
            case let .transcriptUpdate(hasher, length): fed[hasher, default: 0] += length
            case let .transcriptDigest(hasher): return fed[hasher, default: 0]
            default: break
            }
        }
        return 0
    }

    /// The logged seam calls with BrookCryptoProvider, grouped as PRF, hash, record AEAD, cookie MAC
    /// and random bytes; each group's body makes all of its calls once. Running transcript hashes
    /// are replayed in the logged order (started, fed, read), one hasher per one logged; each
    /// digest counts as one transcript hash.
    private static func replay(_ log: [CountingCryptoProvider.Call]) throws -> [HandshakeCryptoItem] {
        var prfs: [() throws -> Void] = [], hashes: [() throws -> Void] = [], records: [() throws -> Void] = []
        var randoms: [() throws -> Void] = [], macs: [() throws -> Void] = []
        var hashedBytes = 0, randomBytes = 0, digests = 0
        let running = RunningHashes(count: log.reduce(0) { if case .transcriptStart = $1 { $0 + 1 } else { $0 } })
        for call in log {
            switch call {
            case let .transcriptStart(hasher, sha384):
                hashes.append { running.hashers[hasher] = BrookCryptoProvider.startTranscriptHash(sha384: sha384) }
            case let .transcriptUpdate(hasher, length):
                let data = BenchBuffer(count: length, filler: 3)
                hashedBytes += length
                hashes.append {
                    guard var hash = running.hashers[hasher] else { throw BenchError.failed("transcript hash \(hasher) not started") }
                    BrookCryptoProvider.updateTranscriptHash(&hash, with: UnsafeRawBufferPointer(data.bytes))
                    running.hashers[hasher] = hash
                }
            case let .transcriptDigest(hasher):
                digests += 1
                hashes.append {
                    guard let hash = running.hashers[hasher] else { throw BenchError.failed("transcript hash \(hasher) not started") }
                    blackHole(BrookCryptoProvider.transcriptDigest(hash))
                }
            case let .prf(sha384, secretLength, label, seedLength, count):
                let secret = [UInt8](repeating: 1, count: secretLength), seed = [UInt8](repeating: 2, count: seedLength)
                prfs.append { blackHole(BrookCryptoProvider.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)) }
            case let .hash(sha384, length):
                let data = [UInt8](repeating: 3, count: length)
                hashedBytes += length
                digests += 1
                hashes.append { blackHole(BrookCryptoProvider.hash(sha384: sha384, data)) }
            case let .prepareRecordKey(suite, keyLength):
                let key = [UInt8](repeating: 4, count: keyLength)
                records.append { blackHole(try BrookCryptoProvider.prepareRecordKey(key, for: suite)) }
            case let .seal(suite, length, aadLength), let .open(suite, length, aadLength):
                let isSeal: Bool = if case .seal = call { true } else { false }
                let key = try BrookCryptoProvider.prepareRecordKey([UInt8](repeating: 5, count: suite == .ecdheECDSAWithAES128GCMSHA256 ? 16 : 32), for: suite)
                let record = RecordScratch(length: length, aadLength: aadLength, key: key)
                records.append { try record.run(seal: isSeal) }
            case let .mac(keyLength, messageLength):
                let key = [UInt8](repeating: 7, count: keyLength), message = [UInt8](repeating: 0x16, count: messageLength)
                macs.append { blackHole(BrookCryptoProvider.authenticationCode(key: key, message: message)) }
            case let .random(length):
                let buffer = BenchBuffer(count: length)
                randomBytes += length
                randoms.append {
                    var rng = SystemRandom()
                    BrookCryptoProvider.fillRandom(buffer.bytes, using: &rng)
                }
            }
        }
        func item(_ name: String, _ bodies: [() throws -> Void], count: Int? = nil) -> HandshakeCryptoItem? {
            guard !bodies.isEmpty else { return nil }
            return HandshakeCryptoItem(name: name, count: count ?? bodies.count, body: { for body in bodies { try body() } }, bodyCount: 1)
        }
        return [item("prf", prfs), item("transcript-hash(\(hashedBytes) bytes)", hashes, count: digests),
                item("record-keys-and-aead", records), item("hmac-sha256-cookie", macs),
                item("random(\(randomBytes) bytes)", randoms)].compactMap { $0 }
    }
}

/// The running transcript hashes of one replay, by the number the log gave them (0, 1, …).
private final class RunningHashes {
    var hashers: [BrookCryptoProvider.TranscriptHash?]

    init(count: Int) { hashers = Array(repeating: nil, count: count) }
}

/// Buffers for timing one record seal or open of a logged size (an open undoes a seal made once).
private final class RecordScratch {
    let key: BrookCryptoProvider.RecordKey
    let plaintext: BenchBuffer, buffer: BenchBuffer, sealed: BenchBuffer
    let aad: BenchBuffer, nonce = BenchBuffer(count: 12, filler: 9), tag = BenchBuffer(count: 16), sealedTag = BenchBuffer(count: 16)

    init(length: Int, aadLength: Int, key: BrookCryptoProvider.RecordKey) {
        self.key = key
        plaintext = BenchBuffer(count: length, filler: 0x42)
        buffer = BenchBuffer(count: length)
        sealed = BenchBuffer(copying: plaintext)
        aad = BenchBuffer(count: aadLength, filler: 0x17)
        _ = BrookCryptoProvider.seal(key, inPlace: sealed.bytes, nonce: UnsafeRawBufferPointer(nonce.bytes),
                                     authenticating: UnsafeRawBufferPointer(aad.bytes), tag: sealedTag.bytes)
    }

    func run(seal: Bool) throws {
        if seal {
            buffer.restore(from: plaintext)
            _ = BrookCryptoProvider.seal(key, inPlace: buffer.bytes, nonce: UnsafeRawBufferPointer(nonce.bytes),
                                         authenticating: UnsafeRawBufferPointer(aad.bytes), tag: tag.bytes)
        } else {
            buffer.restore(from: sealed)
            guard BrookCryptoProvider.open(key, inPlace: buffer.bytes, nonce: UnsafeRawBufferPointer(nonce.bytes),
                                           authenticating: UnsafeRawBufferPointer(aad.bytes),
                                           tag: UnsafeRawBufferPointer(sealedTag.bytes)) else {
                throw BenchError.failed("record open")
            }
        }
    }
}
