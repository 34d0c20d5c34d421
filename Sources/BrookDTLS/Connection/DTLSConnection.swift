import BrookCrypto
import BrookSansIO
import BrookX509

/// A DTLS 1.2 connection with BrookCrypto underneath: the type most callers use.
public typealias DTLSConnection = DTLSEndpoint<BrookCryptoProvider>

/// A DTLS 1.2 connection (RFC 6347), client or server, as a Sans-IO state machine: it never touches a
/// socket or a clock. Generic over the `DTLSCryptoProvider` through which it reaches all of its
/// cryptography. Feed it datagrams with `handle(datagram:now:)` and expired timers with
/// `handleTimeout(now:)`, then drain `pollOutput()` until it returns nil: datagrams to send, the next
/// deadline and events (peer certificate, connected, application data, closed).
///
/// Once connected it keeps only what an open connection needs: record keys and the replay window,
/// the exporter's secrets, the negotiated parameters and, on the server, its last flight (RFC 6347
/// §4.2.4: it is sent again if the client's last flight reappears, until the client's first
/// application data shows it finished or 2 × MSL has passed). Transcript, hellos, key share and
/// reassembly buffers are freed. After a close only the exporter's secrets stay (so keying material
/// can still be exported from a connection the peer closed at once), until the value is dropped.
public struct DTLSEndpoint<Crypto: DTLSCryptoProvider> {
    public enum Role: Sendable, Equatable {
        case client
        case server
    }

    public let role: Role
    let configuration: DTLSConfiguration
    var rng: any RandomNumberGenerator
    var phase: ConnectionPhase
    var handshake = HandshakeState<Crypto>()
    var records = RecordLayer<Crypto>()
    var reassembler: Reassembler
    /// `message_seq` of the next handshake message this side sends.
    var nextSendSequence: UInt16 = 0
    /// The last flight sent, for retransmission.
    var flight = Flight()
    /// `message_seq` of the last message of the peer's previous flight: seeing it again means the
    /// peer missed our answer, so the flight is sent again (RFC 6347 §4.2.4).
    var peerFlightLastSequence: UInt16?
    /// When the flight was last sent again because the peer repeated its own.
    var lastRepeatRetransmit: Instant?
    /// Epoch this side writes alerts and application data in.
    var writeEpoch: UInt16 = 0
    /// Epoch-1 records that arrived before the keys to read them (copied out of their datagrams).
    var futureRecords: [(RecordHeader, [UInt8])] = []
    /// Application data authenticated before the handshake completed (the peer's Finished was late).
    var earlyApplicationData: [[UInt8]] = []
    /// Bytes held in `futureRecords` and `earlyApplicationData`.
    var bufferedRecordBytes = 0
    var negotiated: DTLSNegotiated?

    // Timers
    var retransmitDeadline: Instant?
    var currentTimeout: Duration
    var initialTimeout: Duration
    var handshakeDeadline: Instant?

    // Timers of an established connection, each moved only when it fires (so traffic never
    // reschedules the caller's timer)
    /// When the peer last sent an authenticated (epoch-1) record.
    var lastAuthenticatedReceipt = Instant.zero
    /// When `handleTimeout` next compares `lastAuthenticatedReceipt` with `configuration.idleTimeout`.
    var idleCheckDeadline: Instant?
    /// Server: when flight 6 stops being kept for a repeated client flight 5 (RFC 6347 §4.2.4).
    var lastFlightExpiry: Instant?

    // Server cookies (until the ClientHello is accepted)
    var cookies: CookieGenerator<Crypto>?
    let peerIdentity: [UInt8]

    // Output
    var outputs: [DTLSOutput] = []
    var outputHead = 0
    var deadlineReported = false

    /// Application-data records dropped because the output queue was full.
    public internal(set) var droppedApplicationRecords = 0
    /// Records dropped because they failed authentication.
    public var authenticationFailures: Int { records.authenticationFailures }
    /// Unauthenticated (epoch 0) records, or handshake fragments in them, discarded as invalid
    /// (RFC 6347 §4.1.2.7) instead of ending the handshake: handshake records that do not frame,
    /// fragments the reassembler refuses (too long, over its buffer cap, disagreeing with earlier
    /// fragments on type, length or bytes), malformed alerts and ChangeCipherSpecs, and a server's
    /// non-ClientHello handshake fragments before its handshake starts.
    public internal(set) var invalidRecordsDiscarded = 0
    /// Whether a HelloVerifyRequest already answers the datagram being handled: one reply per
    /// datagram, however many cookieless ClientHellos it packs, so a reply never outgrows what it
    /// answers (RFC 6347 §4.2.1, no amplification).
    var answeredHelloInDatagram = false

    // Every public entry point is also compiled for `BrookCryptoProvider` (`@_specialize(exported:)`):
    // a caller in another module cannot specialise this generic type itself, and would otherwise run
    // the whole state machine through witness tables and runtime generic metadata.

    /// Creates a connection. A client sends its ClientHello right away (poll for it).
    ///
    /// The configuration is checked with `DTLSConfiguration.validate()` first: when it is invalid,
    /// the connection sends nothing and its first output is
    /// `.event(.closed(.error(.invalidConfiguration(reason))))`.
    ///
    /// - Parameters:
    ///   - peerIdentity: server only: bytes naming the peer (its transport address, say) that the
    ///     HelloVerifyRequest cookie is bound to.
    ///   - rng: randomness for hello randoms, ephemeral keys, cookie secrets and signature hedging.
    @_specialize(exported: true, where Crypto == BrookCryptoProvider, RNG == SystemRandom)
    public init<RNG: RandomNumberGenerator>(role: Role, configuration: DTLSConfiguration, peerIdentity: [UInt8] = [], now: Instant,
                rng: RNG = SystemRandom()) {
        var configuration = configuration
        configuration.maximumTransmissionUnit = min(max(configuration.maximumTransmissionUnit, 128), 65507)
        self.role = role
        self.configuration = configuration
        self.rng = rng
        self.peerIdentity = peerIdentity
        initialTimeout = configuration.retransmission.initialTimeout
        currentTimeout = initialTimeout
        reassembler = Reassembler(maximumMessageLength: configuration.maximumHandshakeMessageLength,
                                  maximumBufferedBytes: configuration.maximumReassemblyBytes)
        phase = .closed
        do { try configuration.validate() } catch {
            enqueue(.event(.closed(.error(.invalidConfiguration(error)))))
            return
        }
        switch role {
        case .client:
            phase = .handshaking(.serverHelloOrVerifyRequest)
            handshakeDeadline = now + configuration.retransmission.handshakeTimeout
            startClient(now: now)
        case .server:
            phase = .handshaking(.clientHello)
            if configuration.cookieExchange { cookies = CookieGenerator(now: now, rng: &self.rng) }
        }
    }

    /// Whether the handshake has completed and the connection is open.
    public var isConnected: Bool { phase == .connected }

    /// What the handshake negotiated, once connected.
    public var negotiatedParameters: DTLSNegotiated? { negotiated }

    // MARK: Inputs

    /// Processes one received datagram (one or more records).
    @_specialize(exported: true, where Crypto == BrookCryptoProvider, Datagram == [UInt8])
    @_specialize(exported: true, where Crypto == BrookCryptoProvider, Datagram == ArraySlice<UInt8>)
    public mutating func handle<Datagram: Collection<UInt8>>(datagram: Datagram, now: Instant) {
        deadlineReported = false
        guard phase != .closed else { return }
        cookies?.rotateIfDue(now: now, rng: &rng)
        answeredHelloInDatagram = false
        for (header, fragment) in RecordHeader.records(in: Array(datagram)[...]) {
            process(header: header, fragment: fragment, now: now)
            if phase == .closed { return }
            // Epoch-1 records that came before their keys, now that the keys exist.
            if !futureRecords.isEmpty, records.readProtection != nil { drainFutureRecords(now: now) }
        }
    }

    /// Handles an expired timer: retransmits the current flight (RFC 6347 §4.2.4.1) or gives up once
    /// the handshake timeout has passed. The retransmission comes out of the very next `pollOutput`.
    /// Once connected: closes an idle connection (`DTLSConfiguration.idleTimeout`) and lets the
    /// server's last flight go after 2 × MSL.
    @_specialize(exported: true, where Crypto == BrookCryptoProvider)
    public mutating func handleTimeout(now: Instant) {
        deadlineReported = false
        switch phase {
        case .handshaking: break
        case .connected: return handleEstablishedTimeout(now: now)
        case .closed: return
        }
        if let deadline = handshakeDeadline, now >= deadline {
            finish(.handshakeTimeout, alert: nil)
            return
        }
        guard let deadline = retransmitDeadline, now >= deadline else { return }
        currentTimeout = min(currentTimeout * 2, configuration.retransmission.maximumTimeout)
        retransmitDeadline = now + currentTimeout
        retransmitFlight()
    }

    /// Feeds the caller's round-trip-time estimate; with the WebRTC preset the next flights start
    /// their timer at 2 × RTT clamped to 50–3000 ms.
    @_specialize(exported: true, where Crypto == BrookCryptoProvider)
    public mutating func updateRoundTripTime(_ rtt: Duration) {
        guard let clamp = configuration.retransmission.rttClamp else { return }
        initialTimeout = min(max(rtt * 2, clamp.lowerBound), clamp.upperBound)
    }

    /// Sends application data, split into records of at most 2^14 bytes (RFC 5246 §6.2.1).
    @_specialize(exported: true, where Crypto == BrookCryptoProvider, Bytes == [UInt8])
    @_specialize(exported: true, where Crypto == BrookCryptoProvider, Bytes == ArraySlice<UInt8>)
    public mutating func send<Bytes: Collection<UInt8>>(_ data: Bytes) throws(DTLSError) {
        deadlineReported = false
        guard phase == .connected else { throw .notConnected }
        let bytes = Array(data)
        var offset = 0
        repeat {
            let end = min(offset + (1 << 14), bytes.count)
            var datagram: [UInt8] = []
            datagram.reserveCapacity(records.overhead(epoch: 1) + end - offset)
            try records.appendRecord(type: .applicationData, epoch: 1, payload: bytes[offset..<end], into: &datagram)
            enqueue(.transmit(datagram))
            offset = end
        } while offset < bytes.count
    }

    /// Closes the connection with close_notify (RFC 5246 §7.2.1).
    @_specialize(exported: true, where Crypto == BrookCryptoProvider)
    public mutating func close() {
        deadlineReported = false
        guard phase != .closed else { return }
        finish(.localClose, alert: .closeNotify)
    }

    /// RFC 5705 keying material exporter, available once connected and still after the connection
    /// closes (a peer may close in the very datagram that completes the handshake).
    @_specialize(exported: true, where Crypto == BrookCryptoProvider)
    public func exportKeyingMaterial(label: String, context: [UInt8]? = nil, length: Int) throws(DTLSError) -> [UInt8] {
        // `negotiated` is set once connected, after the SRTP keys are exported; it outlives a close.
        guard phase == .connected || negotiated != nil, let suite = handshake.suite, let master = handshake.masterSecret else {
            throw .notConnected
        }
        guard length > 0, length <= 1 << 16 else { throw .illegalParameter("export length \(length)") }
        return KeySchedule<Crypto>.exportKeyingMaterial(suite, masterSecret: master, clientRandom: handshake.clientRandom,
                                                serverRandom: handshake.serverRandom, label: label,
                                                context: context, count: length)
    }

    // MARK: Output

    /// The next output, or nil when there is nothing more until new input or a timeout. The next
    /// deadline is reported once after the queued datagrams and events.
    @_specialize(exported: true, where Crypto == BrookCryptoProvider)
    public mutating func pollOutput() -> DTLSOutput? {
        if outputHead < outputs.count {
            let output = outputs[outputHead]
            outputHead += 1
            if outputHead == outputs.count {
                // A flight's worth of slots is kept for the next one; a burst's larger buffer is not.
                outputs.removeAll(keepingCapacity: outputs.capacity <= Self.retainedOutputCapacity)
                outputHead = 0
            }
            return output
        }
        guard !deadlineReported else { return nil }
        deadlineReported = true
        return nextDeadline.map { .timeout($0) }
    }

    /// When `handleTimeout` should next be called, if ever.
    public var nextDeadline: Instant? {
        switch phase {
        case .handshaking: Self.earliest(retransmitDeadline, handshakeDeadline)
        case .connected: Self.earliest(idleCheckDeadline, lastFlightExpiry)
        case .closed: nil
        }
    }

    private static func earliest(_ a: Instant?, _ b: Instant?) -> Instant? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// Output slots kept allocated between polls (an established connection sends a record or two at a time).
    static var retainedOutputCapacity: Int { 4 }

    mutating func enqueue(_ output: DTLSOutput) {
        // Room for a flight's worth at once, rather than growing slot by slot.
        if outputs.capacity == 0 { outputs.reserveCapacity(Self.retainedOutputCapacity) }
        outputs.append(output)
    }

    // MARK: Flights and closing

    /// Replaces the current flight and sends it; `expectsReply` arms the retransmission timer.
    mutating func sendFlight(_ newFlight: Flight, expectsReply: Bool, now: Instant) throws(DTLSError) {
        flight = newFlight
        for datagram in try flight.datagrams(mtu: configuration.maximumTransmissionUnit, records: &records) {
            enqueue(.transmit(datagram))
        }
        if expectsReply {
            currentTimeout = initialTimeout
            retransmitDeadline = now + currentTimeout
        } else {
            retransmitDeadline = nil
        }
    }

    mutating func retransmitFlight() {
        guard !flight.isEmpty else { return }
        do {
            for datagram in try flight.datagrams(mtu: configuration.maximumTransmissionUnit, records: &records) {
                enqueue(.transmit(datagram))
            }
        } catch {
            finish(.error(error), alert: error.alert)
        }
    }

    /// Ends the connection: sends `alert` (fatal unless close_notify) and reports `reason`.
    mutating func finish(_ reason: DTLSCloseReason, alert: DTLSAlertDescription?) {
        if let alert {
            var datagram: [UInt8] = []
            let level: AlertLevel = alert == .closeNotify ? .warning : .fatal
            if (try? records.appendRecord(type: .alert, epoch: writeEpoch, payload: [level.rawValue, alert.rawValue],
                                          into: &datagram)) != nil {
                enqueue(.transmit(datagram))
            }
        }
        phase = .closed
        retransmitDeadline = nil
        handshakeDeadline = nil
        idleCheckDeadline = nil
        lastFlightExpiry = nil
        flight = Flight()
        futureRecords = []
        earlyApplicationData = []
        bufferedRecordBytes = 0
        // A connection that completed keeps the exporter's secrets (already all its handshake state holds).
        if negotiated == nil { handshake = HandshakeState() }
        reassembler.reset(nextSequence: reassembler.nextSequence)
        cookies = nil
        enqueue(.event(.closed(reason)))
    }

    /// Fails the connection for `error` with its fatal alert.
    mutating func fail(_ error: DTLSError) {
        finish(.error(error), alert: error.alert)
    }

    mutating func randomBytes(_ count: Int) -> [UInt8] {
        Crypto.randomBytes(count, using: &rng)
    }
}
