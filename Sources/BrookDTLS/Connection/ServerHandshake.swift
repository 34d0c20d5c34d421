import BrookSansIO

/// The server's side of the handshake (RFC 6347 §4.2.1, RFC 5246 §7.3): ClientHello →
/// (stateless HelloVerifyRequest) → flight 4 ServerHello, Certificate, ServerKeyExchange,
/// CertificateRequest, ServerHelloDone → client flight 5 → flight 6 ChangeCipherSpec, Finished.
extension DTLSEndpoint {
    mutating func serverHandle(_ type: HandshakeType, message: Reassembler.Message, now: Instant) throws(DTLSError) {
        guard case .handshaking(let expected) = phase else { return }
        switch (expected, type) {
        case (.clientHello, .clientHello):
            try serverProcessClientHello(message, now: now)
        case (.clientCertificate, .certificate):
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            try acceptPeerCertificate(message.body)
            phase = .handshaking(.clientKeyExchange)
        case (.clientKeyExchange, .clientKeyExchange):
            let exchange = try ClientKeyExchange(body: message.body)
            guard let share = handshake.keyShare else { throw .unexpectedMessage("ClientKeyExchange before ServerHello") }
            // RFC 8422 §5.11: an invalid or small-order share is an illegal_parameter.
            let preMaster = try Crypto.sharedSecret(share, peerPublicKey: exchange.publicKey)
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            handshake.keyShare = nil
            try deriveKeys(preMasterSecret: preMaster)
            phase = .handshaking(.certificateVerify)
        case (.certificateVerify, .certificateVerify):
            let verify = try CertificateVerify(body: message.body)
            try verifyPeerSignature(algorithm: verify.signatureAlgorithm, signature: verify.signature,
                                    over: handshake.transcript, what: "CertificateVerify")
            appendTranscript(type: type, sequence: message.sequence, body: message.body)
            phase = .handshaking(.clientFinished)
        case (.clientFinished, .finished):
            try verifyPeerFinished(message)
            peerFlightLastSequence = message.sequence
            var newFlight = Flight()
            newFlight.items.append(.changeCipherSpec)
            writeEpoch = 1
            queueMessage(.finished, try finishedData(local: true), epoch: 1, into: &newFlight)
            // The last flight: no timer; it is sent again only when the client's flight 5 reappears.
            try sendFlight(newFlight, expectsReply: false, now: now)
            try completeHandshake(now: now)
        default:
            throw .unexpectedMessage("\(type) while expecting \(expected)")
        }
    }

    /// The whole ClientHello, reassembled from fragments the admission step let through (see
    /// `ServerHelloAdmission.swift`). The transcript starts here: with the cookie exchange, this is
    /// the second ClientHello (RFC 6347 §4.2.1); flight 4 continues its message_seq.
    private mutating func serverProcessClientHello(_ message: Reassembler.Message, now: Instant) throws(DTLSError) {
        let hello = try ClientHello(body: message.body)
        if let cookies, !cookies.verify(peer: peerIdentity, hello: ClientHelloPrefix(hello)) {
            // The first fragment's cookie verified and the reassembler keeps the first bytes it
            // received, so this cannot happen; should it, start over rather than trust the hello.
            handshake.clientHelloSequence = nil
            reassembler.reset(nextSequence: message.sequence)
            return
        }
        try checkVersion(hello)
        try negotiate(hello)
        cookies = nil
        handshake.clientRandom = hello.random
        handshake.serverRandom = randomBytes(32)
        nextSendSequence = message.sequence
        peerFlightLastSequence = message.sequence
        handshake.resetTranscript()
        appendTranscript(type: .clientHello, sequence: message.sequence, body: message.body)
        try serverSendHelloFlight(answering: hello, now: now)
        handshakeDeadline = now + configuration.retransmission.handshakeTimeout
        phase = .handshaking(.clientCertificate)
    }

    /// DTLS 1.2 or nothing. Versions count down: 0xFEFF is DTLS 1.0, 0xFEFD 1.2, 0xFEFC 1.3; a
    /// client offering 1.2 or newer says so in client_version (RFC 6347 §4.1, RFC 5246 App. E.1).
    /// A client that lists supported_versions (as DTLS 1.3 clients do, RFC 8446 §4.2.1 and RFC 9147
    /// §5.3) must list 1.2 in it: one offering only 1.3 gets protocol_version, rather than a 1.2
    /// ServerHello it would have to refuse.
    private func checkVersion(_ hello: ClientHello) throws(DTLSError) {
        guard hello.clientVersion >> 8 == 0xFE, hello.clientVersion <= ProtocolVersion.dtls12 else {
            throw .protocolVersion("client_version \(hello.clientVersion) is not DTLS 1.2 or newer")
        }
        if let data = hello.extensions[ExtensionType.supportedVersions] {
            let versions = try HelloExtensions.supportedVersions(data)
            guard versions.contains(ProtocolVersion.dtls12) else {
                throw .protocolVersion("supported_versions \(versions) does not offer DTLS 1.2")
            }
        }
    }

    /// Chooses suite, group and SRTP profile by the server's own preference order, and checks the
    /// extensions the handshake depends on. Whatever is unknown is skipped.
    private mutating func negotiate(_ hello: ClientHello) throws(DTLSError) {
        guard hello.compressionMethods.contains(0) else { throw .illegalParameter("no null compression") }
        guard let suite = configuration.cipherSuites.first(where: { hello.cipherSuites.contains($0.rawValue) }) else {
            throw .handshakeFailure("no cipher suite in common")
        }
        let extensions = hello.extensions
        var group = configuration.groups.first
        if let data = extensions[ExtensionType.supportedGroups] {
            let offered = try HelloExtensions.u16List(data, "supported_groups")
            group = configuration.groups.first { offered.contains($0.rawValue) }
        }
        guard let group else { throw .handshakeFailure("no group in common") }
        if let data = extensions[ExtensionType.signatureAlgorithms] {
            let offered = try HelloExtensions.u16List(data, "signature_algorithms")
            guard offered.contains(ecdsaSecp256r1SHA256) else {
                throw .handshakeFailure("client does not accept ecdsa_secp256r1_sha256")
            }
        }
        if let formats = extensions[ExtensionType.ecPointFormats],
           !(try HelloExtensions.pointFormatsIncludeUncompressed(formats)) {
            throw .illegalParameter("client point formats lack uncompressed")
        }
        let hasEMS = extensions[ExtensionType.extendedMasterSecret] != nil
        handshake.usesExtendedMasterSecret = hasEMS
        if configuration.requireExtendedMasterSecret && !hasEMS {
            throw .handshakeFailure("client does not offer extended_master_secret")
        }
        if let info = extensions[ExtensionType.renegotiationInfo], !HelloExtensions.isEmptyRenegotiationInfo(info) {
            throw .handshakeFailure("renegotiation_info not empty")
        }
        if !configuration.srtpProfiles.isEmpty {
            guard let data = extensions[ExtensionType.useSRTP] else {
                throw .handshakeFailure("client does not offer use_srtp")
            }
            let offered = try HelloExtensions.srtpProfiles(data).profiles
            guard let profile = configuration.srtpProfiles.first(where: { offered.contains($0.rawValue) }) else {
                throw .handshakeFailure("no SRTP protection profile in common")
            }
            handshake.srtpProfile = profile
        }
        // RFC 5746 §3.6: the extension or TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3).
        handshake.clientOfferedRenegotiationInfo = extensions[ExtensionType.renegotiationInfo] != nil
            || hello.cipherSuites.contains(HelloExtensions.emptyRenegotiationInfoSCSV)
        handshake.suite = suite
        handshake.group = group
    }

    /// Flight 4: ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone.
    private mutating func serverSendHelloFlight(answering clientHello: ClientHello, now: Instant) throws(DTLSError) {
        guard let suite = handshake.suite, let group = handshake.group else {
            throw .unexpectedMessage("ServerHello before negotiation")
        }
        var hello = ServerHello(random: handshake.serverRandom, cipherSuite: suite.rawValue)
        hello.extensions = HelloExtensions(capacity: 4)
        // Answer only what was offered (RFC 5246 §7.4.1.4).
        if clientHello.extensions[ExtensionType.extendedMasterSecret] != nil {
            hello.extensions.add(ExtensionType.extendedMasterSecret, [])
        }
        // RFC 5746 §3.6: an empty renegotiation_info only when the client signalled support.
        if handshake.clientOfferedRenegotiationInfo {
            hello.extensions.add(ExtensionType.renegotiationInfo, [0])
        }
        if clientHello.extensions[ExtensionType.ecPointFormats] != nil {
            hello.extensions.add(ExtensionType.ecPointFormats, [1, 0])
        }
        if let profile = handshake.srtpProfile {
            hello.extensions.add(ExtensionType.useSRTP, HelloExtensions.encodeSRTP([profile]))
        }
        var newFlight = Flight(capacity: 5)
        queueMessage(.serverHello, hello.encode(), into: &newFlight)
        queueMessage(.certificate, CertificateMessage(certificates: [configuration.certificate.derEncoded]).encode(),
                     into: &newFlight)
        let share = Crypto.generateKeyShare(for: group, using: &rng)
        handshake.keyShare = share
        let publicKey = Crypto.publicKey(of: share)
        let signature = try sign(ServerKeyExchange.signedContent(clientRandom: handshake.clientRandom,
                                                                 serverRandom: handshake.serverRandom,
                                                                 group: group.rawValue, publicKey: publicKey))
        queueMessage(.serverKeyExchange,
                     ServerKeyExchange(group: group.rawValue, publicKey: publicKey,
                                       signatureAlgorithm: ecdsaSecp256r1SHA256, signature: signature).encode(),
                     into: &newFlight)
        queueMessage(.certificateRequest, CertificateRequest().encode(), into: &newFlight)
        queueMessage(.serverHelloDone, [], into: &newFlight)
        try sendFlight(newFlight, expectsReply: true, now: now)
    }
}
