import BrookCrypto
import BrookSansIO
import BrookX509

extension DTLSEndpoint {
    /// Adds a message to the transcript as one unfragmented message.
    mutating func appendTranscript(type: HandshakeType, sequence: UInt16, body: some Collection<UInt8>) {
        if handshake.transcript.isEmpty { handshake.transcript.reserveCapacity(HandshakeState<Crypto>.typicalTranscriptLength) }
        HandshakeFragment.appendTranscriptBytes(type: type.rawValue, sequence: sequence, body: body, to: &handshake.transcript)
    }

    /// Assigns the next `message_seq`, adds the message to the transcript and to `flight`.
    mutating func queueMessage(_ type: HandshakeType, _ body: [UInt8], epoch: UInt16 = 0, into flight: inout Flight) {
        let sequence = nextSendSequence
        nextSendSequence &+= 1
        appendTranscript(type: type, sequence: sequence, body: body)
        flight.items.append(.handshake(type: type, sequence: sequence, body: body, epoch: epoch))
    }

    /// Parses the peer's Certificate message and judges its leaf by the configured policy. Under
    /// `.fingerprints` the leaf's DER bytes are hashed and matched first, so a certificate other than
    /// the expected one is refused before the X.509 parser sees a byte of it (RFC 8122 §5 hashes
    /// the encoding; the parse that follows only reads the key out of bytes the caller vouched for).
    mutating func acceptPeerCertificate(_ body: ArraySlice<UInt8>) throws(DTLSError) {
        let message = try CertificateMessage(body: body)
        guard let leaf = message.certificates.first else {
            throw .handshakeFailure("peer sent no certificate")
        }
        // Its SHA-256 fingerprint, hashed once: matched here and reported when connected.
        let fingerprint = CertificateFingerprint(derEncoded: leaf)
        if case .fingerprints(let expected) = configuration.peerVerification {
            let matched = expected.contains { $0.algorithm == .sha256 ? $0.matches(fingerprint) : $0.matches(derEncoded: leaf) }
            guard matched else { throw .badCertificate("certificate fingerprint does not match") }
        }
        let certificate: Certificate
        do { certificate = try Certificate(derEncoded: leaf) } catch {
            throw .badCertificate("unparsable certificate: \(error)")
        }
        guard case .p256 = certificate.publicKey else { throw .badCertificate("certificate key is not ECDSA P-256") }
        switch configuration.peerVerification {
        case .fingerprints: break
        case .callback(let judge):
            guard judge(certificate) else { throw .badCertificate("certificate refused by the verification callback") }
        case .acceptAny: break
        }
        handshake.peerCertificate = certificate
        handshake.peerFingerprint = fingerprint
        enqueue(.event(.peerCertificate(certificate)))
    }

    /// Verifies an ecdsa_secp256r1_sha256 signature by the peer's certificate key over `data`.
    func verifyPeerSignature(algorithm: UInt16, signature: [UInt8], over data: [UInt8], what: String) throws(DTLSError) {
        guard algorithm == ecdsaSecp256r1SHA256 else { throw .illegalParameter("\(what) signature algorithm \(algorithm)") }
        guard let certificate = handshake.peerCertificate, case .p256(let key) = certificate.publicKey else {
            throw .unexpectedMessage("\(what) before the peer certificate")
        }
        guard Crypto.isValidSignature(signature, for: data, publicKey: key) else {
            throw .decryptError("\(what) signature does not verify")
        }
    }

    /// Signs `data` with this endpoint's key (ECDSA P-256 / SHA-256, DER-encoded), hedged with `rng`.
    mutating func sign(_ data: [UInt8]) throws(DTLSError) -> [UInt8] {
        try Crypto.sign(data, with: configuration.privateKey, using: &rng)
    }

    /// Derives the master secret — extended (RFC 7627 §4, from the transcript through
    /// ClientKeyExchange) unless the peer declined it and the configuration allows that — and
    /// installs the epoch-1 record keys.
    mutating func deriveKeys(preMasterSecret: [UInt8]) throws(DTLSError) {
        guard let suite = handshake.suite else { throw .unexpectedMessage("keys before a cipher suite") }
        let master: [UInt8]
        if handshake.usesExtendedMasterSecret {
            let sessionHash = transcriptDigest(suite)
            master = KeySchedule<Crypto>.extendedMasterSecret(suite, preMasterSecret: preMasterSecret, sessionHash: sessionHash)
        } else {
            master = KeySchedule<Crypto>.masterSecret(suite, preMasterSecret: preMasterSecret,
                                                     clientRandom: handshake.clientRandom, serverRandom: handshake.serverRandom)
        }
        handshake.masterSecret = master
        let block = KeySchedule<Crypto>.keyBlock(suite, masterSecret: master, clientRandom: handshake.clientRandom,
                                         serverRandom: handshake.serverRandom)
        let client = try RecordProtection<Crypto>(suite: suite, key: block.clientKey, fixedIV: block.clientIV)
        let server = try RecordProtection<Crypto>(suite: suite, key: block.serverKey, fixedIV: block.serverIV)
        records.installKeys(suite: suite, write: role == .client ? client : server, read: role == .client ? server : client)
        // Records held for these keys are replayed by `handle(datagram:now:)` once the current
        // record is done: replaying them from here, in the middle of handling ClientKeyExchange,
        // would hand the next messages to a state that has not yet moved on.
    }

    /// verify_data this side (`local`) or the peer should send over the current transcript.
    mutating func finishedData(local: Bool) throws(DTLSError) -> [UInt8] {
        guard let suite = handshake.suite, let master = handshake.masterSecret else {
            throw .unexpectedMessage("Finished before keys")
        }
        let client = (role == .client) == local
        return KeySchedule<Crypto>.finished(suite, masterSecret: master, client: client, transcriptHash: transcriptDigest(suite))
    }

    /// The suite's hash of the transcript so far (RFC 5246 §7.4.9, RFC 7627 §3), from the running
    /// hash: started at the first digest (the suite is known by then), fed only what the transcript
    /// gained since the last one, so each message is hashed once.
    mutating func transcriptDigest(_ suite: DTLSCipherSuite) -> [UInt8] {
        var running = handshake.transcriptHash ?? Crypto.startTranscriptHash(sha384: suite.usesSHA384)
        let hashed = handshake.transcriptHashedCount
        if hashed < handshake.transcript.count {
            handshake.transcript.withUnsafeBytes { bytes in
                Crypto.updateTranscriptHash(&running, with: UnsafeRawBufferPointer(rebasing: bytes[hashed...]))
            }
            handshake.transcriptHashedCount = handshake.transcript.count
        }
        handshake.transcriptHash = running
        return Crypto.transcriptDigest(running)
    }

    /// Checks the peer's Finished (constant-time compare) and adds it to the transcript.
    mutating func verifyPeerFinished(_ message: Reassembler.Message) throws(DTLSError) {
        let expected = try finishedData(local: false)
        guard message.body.count == 12, ConstantTime.isEqual(expected, message.body) else {
            throw .decryptError("Finished verify_data does not match")
        }
        appendTranscript(type: .finished, sequence: message.sequence, body: message.body)
    }

    /// Enters the connected phase, reports the negotiated parameters and frees what the handshake
    /// no longer needs: transcript, hellos, key share, reassembly buffers and, on the client, its
    /// last flight (nothing answers it any more). The server keeps flight 6 for RFC 6347 §4.2.4.
    mutating func completeHandshake(now: Instant) throws(DTLSError) {
        guard let suite = handshake.suite, let group = handshake.group, let certificate = handshake.peerCertificate,
              let fingerprint = handshake.peerFingerprint
        else { throw .unexpectedMessage("handshake completed without parameters") }
        retransmitDeadline = nil
        handshakeDeadline = nil
        phase = .connected
        var srtp: SRTPKeyingMaterial?
        if let profile = handshake.srtpProfile {
            let material = try exportKeyingMaterial(label: SRTPKeyingMaterial.exporterLabel,
                                                    length: profile.keyingMaterialLength)
            srtp = SRTPKeyingMaterial(profile: profile, material: material, isClient: role == .client)
        }
        let result = DTLSNegotiated(cipherSuite: suite, group: group, srtp: srtp, peerCertificate: certificate,
                                    peerFingerprint: fingerprint)
        negotiated = result
        enqueue(.event(.connected(result)))
        for data in earlyApplicationData { enqueue(.event(.applicationData(data))) }
        earlyApplicationData = []
        futureRecords = []
        bufferedRecordBytes = 0
        handshake = handshake.retainedAfterHandshake()
        reassembler.reset(nextSequence: reassembler.nextSequence)
        cookies = nil
        if role == .client { flight = Flight() }
        startEstablishedTimers(now: now)
    }

    /// The extensions both hellos carry: extended_master_secret (RFC 7627) and an empty
    /// renegotiation_info (RFC 5746 §3.4, always sent: some servers require it).
    func commonExtensions(into extensions: inout HelloExtensions) {
        extensions.add(ExtensionType.extendedMasterSecret, [])
        extensions.add(ExtensionType.renegotiationInfo, [0])
    }
}
