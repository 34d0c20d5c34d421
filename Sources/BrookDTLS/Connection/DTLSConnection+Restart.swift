extension DTLSEndpoint {
    /// Server, established or past the ClientHello: whether `datagram` opens the ClientHello of a new
    /// handshake — one whose random is not this connection's — as a client sends from the same
    /// address after losing its state, say by a restart (RFC 6347 §4.2.8). A late copy or a
    /// retransmission of the ClientHello that began this connection is not one (a client keeps its
    /// random across retransmissions and the HelloVerifyRequest, RFC 6347 §4.2.1).
    ///
    /// The connection itself ignores such a datagram. A caller that keys connections by address
    /// should put it through a `DTLSCookieGate` and replace this connection with a new one only once
    /// the gate admits it (the client proved it receives at the address), so a forged ClientHello
    /// cannot end an association; `DTLSUDPLoop` does.
    public func opensNewHandshake(_ datagram: some Collection<UInt8>) -> Bool {
        guard role == .server, phase != .closed, !handshake.clientRandom.isEmpty else { return false }
        guard let (_, _, prefix) = ClientHelloPrefix.first(in: Array(datagram)) else { return false }
        return !prefix.random.elementsEqual(handshake.clientRandom)
    }
}
