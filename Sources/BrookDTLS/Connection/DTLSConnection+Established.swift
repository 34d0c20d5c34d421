import BrookSansIO

extension DTLSEndpoint {
    /// How long the server keeps its last flight for a client whose flight 5 reappears: twice the
    /// TCP maximum segment lifetime of 2 minutes (RFC 6347 §4.2.4, RFC 793 §3.3).
    static var lastFlightRetention: Duration { .seconds(240) }

    /// Starts the timers of the established phase at `now`, the moment the handshake completed.
    mutating func startEstablishedTimers(now: Instant) {
        lastAuthenticatedReceipt = now
        idleCheckDeadline = configuration.idleTimeout.map { now + $0 }
        lastFlightExpiry = role == .server ? now + Self.lastFlightRetention : nil
    }

    /// A timer of the established phase fired: the idle check closes the connection or moves on to
    /// when it could next be idle; the last flight goes once its retention has passed.
    mutating func handleEstablishedTimeout(now: Instant) {
        if let expiry = lastFlightExpiry, now >= expiry { releaseLastFlight() }
        if let check = idleCheckDeadline, now >= check, let idle = configuration.idleTimeout {
            let idleAt = lastAuthenticatedReceipt + idle
            if now >= idleAt { return finish(.idleTimeout, alert: .closeNotify) }
            idleCheckDeadline = idleAt
        }
    }

    /// Server: forgets flight 6. Called when its retention ends, or when the client's application
    /// data shows the client has the server's Finished and so will never repeat its flight 5.
    mutating func releaseLastFlight() {
        flight = Flight()
        lastFlightExpiry = nil
        peerFlightLastSequence = nil
    }
}
