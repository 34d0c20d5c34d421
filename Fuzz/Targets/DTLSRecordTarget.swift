import BrookDTLS
import BrookSansIO

// The DTLS 1.2 record layer with established keys (RFC 6347 §4.1, RFC 5246 §6.2): datagrams and
// timer expiries (FuzzScript.swift) into one side of a connected pair (DTLSRecordFixture).
//
// Mode byte: bit 0 set makes the client the receiver (else the server), bits 1-2 pick the cipher
// suite (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305; 3 wraps to the first).
//
// Without the keys, input can hold no record the receiver may accept beyond the genuine ones the
// seeds carry, so: every application data the receiver reports is the plaintext of a genuine
// record present in that datagram, and each is reported at most once (RFC 6347 §4.1.2.6); it
// closes only on the genuine close_notify; every forged epoch-1 record it reads is counted in
// `authenticationFailures` and dropped (§4.1.2.7), never fatal; and after the input it still
// takes a fresh record from its real peer and seals a reply the peer accepts.

extension FuzzTarget {
    static let dtlsRecord = FuzzTarget(
        name: "dtls-record",
        summary: "DTLS records into a connected endpoint (every suite, both roles): only genuine records delivered, each once; forged ones counted and dropped, never fatal; closes only on the genuine close_notify; still talks to its real peer afterwards"
    ) { input throws(FuzzFailure) in
        guard let script = FuzzScript(input) else { return .rejected }
        guard let fixture = DTLSRecordFixture.forMode(script.mode) else {
            throw FuzzFailure(description: "the fixed endpoints did not complete their handshake")
        }
        var run = DTLSRecordRun(fixture: fixture)
        for step in script.steps { try run.perform(step) }
        try run.finish()
        return run.deliveredGenuine ? .accepted : .rejected
    }
}

struct DTLSRecordRun {
    let fixture: DTLSRecordFixture
    var receiver: DTLSConnection
    var observer: DTLSObserver
    var now = Instant.zero
    /// Genuine data records delivered so far, by index.
    var delivered: Set<Int> = []
    /// The highest epoch-1 sequence number the receiver can have accepted so far.
    var highestAccepted: UInt64
    var deliveredGenuine = false

    init(fixture: DTLSRecordFixture) {
        self.fixture = fixture
        receiver = fixture.receiver
        observer = DTLSObserver(role: fixture.receiver.role, maximumTransmissionUnit: 1200, connectedAt: .zero)
        highestAccepted = fixture.handshakeHighestSequence
    }

    mutating func perform(_ step: FuzzStep) throws(FuzzFailure) {
        switch step {
        case .datagram(let datagram):
            try deliver(datagram)
        case .wait(let milliseconds):
            now = now + .milliseconds(milliseconds)
            receiver.handleTimeout(now: now)
            _ = try observer.drain(&receiver, now: now)
        case .waitForDeadline:
            if let deadline = receiver.nextDeadline, deadline > now { now = deadline }
            receiver.handleTimeout(now: now)
            _ = try observer.drain(&receiver, now: now)
        }
    }

    private mutating func deliver(_ datagram: [UInt8]) throws(FuzzFailure) {
        let wasOpen = observer.closed == nil
        let records = WireRecord.split(datagram).records
        let failuresBefore = receiver.authenticationFailures
        receiver.handle(datagram: datagram, now: now)
        let drained = try observer.drain(&receiver, now: now)
        let failures = receiver.authenticationFailures - failuresBefore
        guard wasOpen else {
            try ensure(failures == 0, "a closed receiver still opened records")
            return
        }

        var genuineHighest = highestAccepted
        var forged: [WireRecord] = []
        for record in records where record.epoch == 1 && record.version == WireRecord.dtls12 {
            if let index = fixture.dataIndex(of: record.bytes) {
                genuineHighest = max(genuineHighest, fixture.dataSequences[index])
            } else if record.bytes.elementsEqual(fixture.closeRecord) {
                genuineHighest = max(genuineHighest, record.sequence)
            } else {
                forged.append(record)
            }
        }

        for data in drained.applicationData {
            guard let index = fixture.plaintexts.firstIndex(of: data),
                  records.contains(where: { $0.bytes.elementsEqual(fixture.dataRecords[index]) }) else {
                throw FuzzFailure(description: "the receiver delivered \(data.count) bytes no genuine record in the datagram holds")
            }
            try ensure(delivered.insert(index).inserted, "the receiver delivered genuine record \(index) twice (a replay)")
            highestAccepted = max(highestAccepted, fixture.dataSequences[index])
            deliveredGenuine = true
        }
        if let reason = drained.closed {
            try ensure(reason == .peerClosed, "forged input closed the connection: \(reason)")
            try ensure(records.contains { $0.bytes.elementsEqual(fixture.closeRecord) },
                       "the receiver closed as if by close_notify without the genuine one")
            deliveredGenuine = true
            return
        }
        // Forged records are dropped and counted; those newer than anything accepted must have
        // reached authentication (the replay window passes them).
        try ensure(failures <= forged.count, "\(failures) authentication failures for \(forged.count) forged records")
        let mustFail = forged.filter { $0.sequence > genuineHighest }.count
        try ensure(failures >= mustFail, "only \(failures) of \(mustFail) new forged records were counted as authentication failures")
    }

    /// The receiver, unless the genuine close_notify closed it, still reads its peer and writes to it.
    mutating func finish() throws(FuzzFailure) {
        guard observer.closed == nil else { return }
        receiver.handle(datagram: fixture.afterRecord, now: now)
        let drained = try observer.drain(&receiver, now: now)
        try ensure(drained.applicationData == [DTLSRecordFixture.afterPlaintext] && drained.closed == nil,
                   "after the input the receiver no longer takes its peer's records (\(drained.applicationData.count) delivered)")
        do {
            try receiver.send(DTLSRecordFixture.replyPlaintext)
        } catch {
            throw FuzzFailure(description: "after the input the receiver cannot send: \(error)")
        }
        var sender = fixture.sender
        for datagram in try observer.drain(&receiver, now: now).datagrams {
            sender.handle(datagram: datagram, now: now)
        }
        var received: [[UInt8]] = []
        while let output = sender.pollOutput() {
            if case .event(.applicationData(let data)) = output { received.append(data) }
        }
        try ensure(received == [DTLSRecordFixture.replyPlaintext], "the real peer did not get the receiver's reply")
    }
}
