import BrookSansIO

/// What a server lets into its reassembler while it waits for a ClientHello (RFC 6347 §4.2.1).
///
/// With the cookie exchange on, nothing is buffered until a first fragment (fragment_offset 0)
/// carries a cookie that verifies: its prefix holds everything the cookie covers
/// (`ClientHelloPrefix`), so a cookieless first fragment is answered with a HelloVerifyRequest at
/// once and later fragments of an unverified hello are dropped (the client's retransmission brings
/// them back). Once a hello's first fragment verifies, that message_seq is pinned: its fragments
/// are reassembled, older hellos are ignored, and only another verified first fragment with a
/// higher message_seq (a client that started over) replaces it.
///
/// With the cookie exchange off (WebRTC after ICE, or a connection the `DTLSCookieGate` admitted),
/// the first ClientHello fragment to arrive pins its message_seq, and ClientHellos with other
/// numbers are ignored, so a spoofed one cannot throw away a hello half reassembled.
///
/// Either way, pinning starts the handshake timer: a hello whose rest never comes ends in
/// `handshakeTimeout` instead of holding its buffers forever.
extension DTLSEndpoint {
    /// Whether `fragment` (epoch 0, received while the server waits for a ClientHello) goes on to
    /// the reassembler.
    mutating func admitClientHelloFragment(_ fragment: HandshakeFragment, recordSequence: UInt64, now: Instant) -> Bool {
        guard fragment.type == HandshakeType.clientHello.rawValue else {
            invalidRecordsDiscarded += 1
            return false
        }
        let sequence = fragment.messageSequence
        if let pinned = handshake.clientHelloSequence, sequence <= pinned { return sequence == pinned }
        if let cookies {
            guard fragment.offset == 0 else { return false }
            guard let prefix = ClientHelloPrefix(fragment.body) else {
                invalidRecordsDiscarded += 1
                return false
            }
            guard cookies.verify(peer: peerIdentity, hello: prefix) else {
                // One HelloVerifyRequest per datagram: the first cookieless hello of a datagram is answered.
                guard !answeredHelloInDatagram else { return false }
                answeredHelloInDatagram = true
                let request = HelloVerifyRequest(cookie: cookies.cookie(peer: peerIdentity, hello: prefix))
                enqueue(.transmit(request.datagram(messageSequence: sequence, recordSequence: recordSequence)))
                return false
            }
        } else if handshake.clientHelloSequence != nil {
            return false
        }
        handshake.clientHelloSequence = sequence
        reassembler.reset(nextSequence: sequence)
        if handshakeDeadline == nil { handshakeDeadline = now + configuration.retransmission.handshakeTimeout }
        return true
    }
}
