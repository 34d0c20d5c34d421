import BrookDTLS
import BrookICE
import BrookSansIO

/// Drains a DTLS endpoint after every input and checks what must hold whatever it was fed:
///
/// - every datagram it sends fits its MTU, is whole DTLS 1.2 records of the four content types at
///   epoch 0 or 1, and is one the RFC 7983 demultiplexer hands to DTLS;
/// - one input makes it send a bounded number of datagrams (at most one flight, and an alert);
/// - application data is reported only after `connected`, `connected` at most once and then with
///   usable keying material, `closed` at most once and as the last thing it ever reports;
/// - deadlines lie in the future;
/// - once connected, a client sends nothing but alerts: it sent no final flight to repeat
///   (RFC 6347 §4.2.4, Figure 1), and a server repeats its final flight at most once per half
///   initial timeout (its stated limit, so forged repeats cannot make it an amplifier).
struct DTLSObserver {
    let role: DTLSConnection.Role
    let maximumTransmissionUnit: Int
    /// The retransmission timer's start (the WebRTC preset's 50 ms unless the configuration says otherwise).
    let initialTimeout: Duration

    private(set) var connectedAt: Instant?
    private(set) var closed: DTLSCloseReason?
    private(set) var applicationData: [[UInt8]] = []
    private(set) var sentCount = 0
    /// Final flights repeated after the handshake completed.
    private(set) var repeatsAfterConnect = 0

    /// At most this many datagrams per input: a flight of five messages fragmented at the smallest
    /// MTU the targets use, plus an alert.
    static let maximumDatagramsPerInput = 24

    init(role: DTLSConnection.Role, maximumTransmissionUnit: Int, initialTimeout: Duration = .milliseconds(50),
         connectedAt: Instant? = nil) {
        self.role = role
        self.maximumTransmissionUnit = maximumTransmissionUnit
        self.initialTimeout = initialTimeout
        self.connectedAt = connectedAt
    }

    var isConnected: Bool { connectedAt != nil }

    /// What one drain produced.
    struct Drained {
        var datagrams: [[UInt8]] = []
        var applicationData: [[UInt8]] = []
        var connected = false
        var closed: DTLSCloseReason?
    }

    /// Takes every output the last input produced and checks it.
    mutating func drain(_ connection: inout DTLSConnection, now: Instant) throws(FuzzFailure) -> Drained {
        var drained = Drained()
        while let output = connection.pollOutput() {
            try ensure(closed == nil, "\(role) reported \(output) after closing with \(closed!)")
            switch output {
            case .transmit(let datagram):
                try check(datagram, now: now)
                drained.datagrams.append(datagram)
                sentCount += 1
            case .timeout(let deadline):
                try ensure(deadline > now, "\(role) asked for a timeout at \(deadline), not after now (\(now))")
            case .event(.peerCertificate):
                try ensure(!isConnected, "\(role) reported a peer certificate after connecting")
            case .event(.connected(let negotiated)):
                try ensure(!isConnected, "\(role) reported connected twice")
                try ensure(connection.isConnected, "\(role) reported connected but isConnected is false")
                try ensure(negotiated.srtp != nil, "\(role) connected without the SRTP profile its configuration requires")
                guard let material = try? connection.exportKeyingMaterial(label: "EXTRACTOR-brook-fuzz", length: 16),
                      material.count == 16 else {
                    throw FuzzFailure(description: "\(role) connected but exports no keying material")
                }
                connectedAt = now
                drained.connected = true
            case .event(.applicationData(let data)):
                try ensure(isConnected, "\(role) reported application data before the handshake completed")
                applicationData.append(data)
                drained.applicationData.append(data)
            case .event(.closed(let reason)):
                closed = reason
                drained.closed = reason
                try ensure(!connection.isConnected && connection.nextDeadline == nil,
                           "\(role) closed (\(reason)) but is still connected or has a deadline")
            }
        }
        try ensure(drained.datagrams.count <= Self.maximumDatagramsPerInput,
                   "\(role) sent \(drained.datagrams.count) datagrams for one input")
        if let connectedAt, !drained.connected, drained.datagrams.contains(where: Self.holdsHandshake) {
            try ensure(role == .server, "a connected client sent handshake records again")
            repeatsAfterConnect += 1
            let allowed = 1 + Int((now - connectedAt) / (initialTimeout / 2))
            try ensure(repeatsAfterConnect <= allowed,
                       "the connected server repeated its final flight \(repeatsAfterConnect) times in \(now - connectedAt)")
        }
        return drained
    }

    private func check(_ datagram: [UInt8], now: Instant) throws(FuzzFailure) {
        try ensure(datagram.count <= maximumTransmissionUnit || !Self.holdsHandshake(datagram),
                   "\(role) sent a \(datagram.count)-byte flight datagram over its \(maximumTransmissionUnit)-byte MTU")
        try ensure(datagram.count <= 1 << 15, "\(role) sent a \(datagram.count)-byte datagram")
        try ensure(DatagramKind(classifying: datagram) == .dtls, "\(role) sent a datagram RFC 7983 does not classify as DTLS")
        let (records, leftover) = WireRecord.split(datagram)
        try ensure(leftover == 0 && !records.isEmpty, "\(role) sent a datagram that is not whole records")
        for record in records {
            try ensure(record.version == WireRecord.dtls12, "\(role) sent a record of version \(record.version)")
            try ensure(record.epoch <= 1, "\(role) sent a record of epoch \(record.epoch)")
            try ensure((20...23).contains(record.contentType), "\(role) sent a record of type \(record.contentType)")
            try ensure(record.epoch == 1 || record.contentType != WireRecord.ContentType.applicationData,
                       "\(role) sent application data in the clear")
        }
    }

    /// Whether a datagram carries a handshake or ChangeCipherSpec record (a flight, not an alert or data).
    static func holdsHandshake(_ datagram: [UInt8]) -> Bool {
        WireRecord.split(datagram).records.contains {
            $0.contentType == WireRecord.ContentType.handshake || $0.contentType == WireRecord.ContentType.changeCipherSpec
        }
    }
}
