import BrookSansIO

/// The client's side of the handshake (RFC 6347 §4.2.1, RFC 5246 §7.3):
/// flight 1/3 ClientHello → (HelloVerifyRequest) → ServerHello … ServerHelloDone →
/// flight 5 Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished → Finished.
extension DTLSEndpoint {
    /// HelloVerifyRequests answered before giving up on a server that keeps asking.
    static var maximumHelloVerifyRequests: Int { 4 }

    mutating func startClient(now: Instant) {
        handshake.clientRandom = randomBytes(32)
        var hello = ClientHello(random: handshake.clientRandom, cipherSuites: configuration.cipherSuites.map(\.rawValue))
        hello.extensions = HelloExtensions(capacity: 6)
        hello.extensions.add(ExtensionType.supportedGroups,
                             HelloExtensions.encodeU16List(configuration.groups.map(\.rawValue)))
        hello.extensions.add(ExtensionType.ecPointFormats, [1, 0])
        hello.extensions.add(ExtensionType.signatureAlgorithms, HelloExtensions.encodeU16List([ecdsaSecp256r1SHA256]))
        if !configuration.srtpProfiles.isEmpty {
            hello.extensions.add(ExtensionType.useSRTP, HelloExtensions.encodeSRTP(configuration.srtpProfiles))
        }
        commonExtensions(into: &hello.extensions)
        handshake.clientHello = hello
        sendClientHello(now: now)
    }

    /// Sends the ClientHello as a new flight, restarting the transcript from it (RFC 6347 §4.2.6:
    /// a ClientHello answered by HelloVerifyRequest and that request are not part of it).
    mutating func sendClientHello(now: Instant) {
        guard let hello = handshake.clientHello else { return }
        handshake.resetTranscript()
        var newFlight = Flight()
        queueMessage(.clientHello, hello.encode(), into: &newFlight)
        do { try sendFlight(newFlight, expectsReply: true, now: now) } catch { fail(error) }
    }

    mutating func clientHandle(_ type: HandshakeType, message: Reassembler.Message, now: Instant) throws(DTLSError) {
        guard case .handshaking(let expected) = phase else { return }
        switch (expected, type) {
        case (.serverHelloOrVerifyRequest, .helloVerifyRequest):
            let request = try HelloVerifyRequest(body: message.body)
            handshake.helloVerifyCount += 1
            guard handshake.helloVerifyCount <= Self.maximumHelloVerifyRequests else {
                throw .unexpectedMessage("too many HelloVerifyRequests")
            }
            handshake.clientHello?.cookie = request.cookie
            sendClientHello(now: now)
        case (.serverHelloOrVerifyRequest, .serverHello):
            try clientProcessServerHello(message)
            phase = .handshaking(.serverCertificate)
        case (.serverCertificate, .certificate):
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            try acceptPeerCertificate(message.body)
            phase = .handshaking(.serverKeyExchange)
        case (.serverKeyExchange, .serverKeyExchange):
            try clientProcessServerKeyExchange(message)
            phase = .handshaking(.certificateRequestOrServerHelloDone)
        case (.certificateRequestOrServerHelloDone, .certificateRequest):
            let request = try CertificateRequest(body: message.body)
            guard request.certificateTypes.contains(CertificateRequest.ecdsaSign),
                  request.signatureAlgorithms.contains(ecdsaSecp256r1SHA256)
            else { throw .handshakeFailure("CertificateRequest accepts no ECDSA P-256 / SHA-256 certificate") }
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            handshake.certificateRequested = true
            phase = .handshaking(.serverHelloDone)
        case (.certificateRequestOrServerHelloDone, .serverHelloDone), (.serverHelloDone, .serverHelloDone):
            guard message.body.isEmpty else { throw .decodeError("ServerHelloDone has a body") }
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            peerFlightLastSequence = message.sequence
            try clientSendFinalFlight(now: now)
            phase = .handshaking(.serverFinished)
        case (.serverFinished, .finished):
            try verifyPeerFinished(message)
            peerFlightLastSequence = message.sequence
            try completeHandshake(now: now)
        default:
            throw .unexpectedMessage("\(type) while expecting \(expected)")
        }
    }

    private mutating func clientProcessServerHello(_ message: Reassembler.Message) throws(DTLSError) {
        let hello = try ServerHello(body: message.body)
        guard hello.serverVersion == ProtocolVersion.dtls12 else {
            throw .protocolVersion("server chose version \(hello.serverVersion)")
        }
        guard let suite = DTLSCipherSuite(rawValue: hello.cipherSuite), configuration.cipherSuites.contains(suite) else {
            throw .illegalParameter("server chose cipher suite \(hello.cipherSuite) we did not offer")
        }
        guard hello.compressionMethod == 0 else { throw .illegalParameter("compression method \(hello.compressionMethod)") }
        var offered = handshake.clientHello?.extensions.entries.map(\.type) ?? []
        // RFC 5746 §3.4: TLS_EMPTY_RENEGOTIATION_INFO_SCSV offers renegotiation_info as well.
        if handshake.clientHello?.cipherSuites.contains(HelloExtensions.emptyRenegotiationInfoSCSV) == true {
            offered.append(ExtensionType.renegotiationInfo)
        }
        for entry in hello.extensions.entries where !offered.contains(entry.type) {
            throw .unsupportedExtension(entry.type)
        }
        handshake.usesExtendedMasterSecret = hello.extensions[ExtensionType.extendedMasterSecret] != nil
        if configuration.requireExtendedMasterSecret && !handshake.usesExtendedMasterSecret {
            throw .handshakeFailure("server did not negotiate extended_master_secret")
        }
        if let info = hello.extensions[ExtensionType.renegotiationInfo], !HelloExtensions.isEmptyRenegotiationInfo(info) {
            throw .handshakeFailure("renegotiation_info not empty")
        }
        if let formats = hello.extensions[ExtensionType.ecPointFormats],
           !(try HelloExtensions.pointFormatsIncludeUncompressed(formats)) {
            throw .illegalParameter("server point formats lack uncompressed")
        }
        if !configuration.srtpProfiles.isEmpty {
            guard let data = hello.extensions[ExtensionType.useSRTP] else {
                throw .handshakeFailure("server did not negotiate use_srtp")
            }
            let (profiles, mki) = try HelloExtensions.srtpProfiles(data)
            // RFC 5764 §4.1.1: the server returns exactly one profile we offered, and our (empty) MKI.
            guard profiles.count == 1, let profile = SRTPProtectionProfile(rawValue: profiles[0]),
                  configuration.srtpProfiles.contains(profile), mki.isEmpty
            else { throw .illegalParameter("use_srtp answer \(profiles)") }
            handshake.srtpProfile = profile
        }
        handshake.suite = suite
        handshake.serverRandom = hello.random
        // No HelloVerifyRequest can follow a ServerHello: the hello is not needed any more.
        handshake.clientHello = nil
        appendTranscript(type: .serverHello, sequence: message.sequence, body: message.body)
    }

    private mutating func clientProcessServerKeyExchange(_ message: Reassembler.Message) throws(DTLSError) {
        let exchange = try ServerKeyExchange(body: message.body)
        guard let group = DTLSNamedGroup(rawValue: exchange.group), configuration.groups.contains(group) else {
            throw .illegalParameter("server chose group \(exchange.group) we did not offer")
        }
        let signed = ServerKeyExchange.signedContent(clientRandom: handshake.clientRandom, serverRandom: handshake.serverRandom,
                                                     group: exchange.group, publicKey: exchange.publicKey)
        try verifyPeerSignature(algorithm: exchange.signatureAlgorithm, signature: exchange.signature, over: signed,
                                what: "ServerKeyExchange")
        handshake.group = group
        // RFC 8422 §5.11: a share that is not a valid point (or, for X25519, of small order) is an
        // illegal_parameter; checked before anything of ours is derived from it.
        let share = Crypto.generateKeyShare(for: group, using: &rng)
        handshake.preMasterSecret = try Crypto.sharedSecret(share, peerPublicKey: exchange.publicKey)
        handshake.keyShare = share
        appendTranscript(type: .serverKeyExchange, sequence: message.sequence, body: message.body)
    }

    /// Flight 5: [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished.
    private mutating func clientSendFinalFlight(now: Instant) throws(DTLSError) {
        guard let share = handshake.keyShare, let preMaster = handshake.preMasterSecret else {
            throw .unexpectedMessage("ServerHelloDone before ServerKeyExchange")
        }
        var newFlight = Flight(capacity: 5)
        if handshake.certificateRequested {
            queueMessage(.certificate, CertificateMessage(certificates: [configuration.certificate.derEncoded]).encode(),
                         into: &newFlight)
        }
        queueMessage(.clientKeyExchange, ClientKeyExchange(publicKey: Crypto.publicKey(of: share)).encode(), into: &newFlight)
        handshake.keyShare = nil
        try deriveKeys(preMasterSecret: preMaster)
        handshake.preMasterSecret = nil
        if handshake.certificateRequested {
            let signature = try sign(handshake.transcript)
            queueMessage(.certificateVerify,
                         CertificateVerify(signatureAlgorithm: ecdsaSecp256r1SHA256, signature: signature).encode(),
                         into: &newFlight)
        }
        newFlight.items.append(.changeCipherSpec)
        writeEpoch = 1
        queueMessage(.finished, try finishedData(local: true), epoch: 1, into: &newFlight)
        try sendFlight(newFlight, expectsReply: true, now: now)
    }
}
