import BrookDTLS

/// A client and a server connection in memory, over any crypto provider, pumped into each other.
struct DTLSBenchPair<Crypto: DTLSCryptoProvider> {
    var client: DTLSEndpoint<Crypto>
    var server: DTLSEndpoint<Crypto>
    var connected = 0

    init(client: DTLSConfiguration, server: DTLSConfiguration) {
        self.client = DTLSEndpoint<Crypto>(role: .client, configuration: client, now: .zero)
        self.server = DTLSEndpoint<Crypto>(role: .server, configuration: server, now: .zero)
    }

    /// Pumps until both sides are connected (true) or nothing moves, for at most `rounds` exchanges.
    @discardableResult
    mutating func run(rounds: Int = 20) -> Bool {
        for _ in 0..<rounds {
            var moved = false
            while let output = client.pollOutput() {
                if case .transmit(let datagram) = output { server.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { connected += 1 }
            }
            while let output = server.pollOutput() {
                if case .transmit(let datagram) = output { client.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { connected += 1 }
            }
            if connected == 2 { return true }
            if !moved { return false }
        }
        return connected == 2
    }
}

/// The two configurations of a bench handshake: `suite` and `group` only, mutual authentication by
/// fingerprint, cookie exchange on (the server's default).
struct DTLSBenchIdentities {
    let client: DTLSConfiguration
    let server: DTLSConfiguration

    init(client: DTLSConfiguration, server: DTLSConfiguration, suite: DTLSCipherSuite, group: DTLSNamedGroup) {
        var client = client, server = server
        client.cipherSuites = [suite]
        server.cipherSuites = [suite]
        client.groups = [group]
        server.groups = [group]
        self.client = client
        self.server = server
    }
}
