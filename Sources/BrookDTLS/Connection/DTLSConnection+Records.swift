import BrookSansIO

extension DTLSEndpoint {
    /// One record: open it, then route it by content type (RFC 5246 §6.2.1).
    mutating func process(header: RecordHeader, fragment: ArraySlice<UInt8>, now: Instant) {
        // RFC 6347 §4.1: DTLS 1.2 records; a first ClientHello may carry DTLS 1.0 in the record.
        guard header.version == ProtocolVersion.dtls12 || (header.epoch == 0 && header.version == ProtocolVersion.dtls10)
        else { return }
        let plaintext: ArraySlice<UInt8>
        switch records.open(header: header, fragment: fragment) {
        case .dropped: return
        case .notYetReadable:
            holdFutureRecord(header, fragment)
            return
        case .plaintext(let bytes): plaintext = bytes
        }
        if header.epoch != 0 { lastAuthenticatedReceipt = now }
        switch ContentType(rawValue: header.contentType) {
        case .handshake:
            processHandshake(plaintext, header: header, now: now)
        case .changeCipherSpec:
            // RFC 5246 §7.1: a single byte of value 1. Epoch 1 keys are installed as soon as they are
            // derived; the epoch field of each record says which keys apply. Always epoch 0 here, so
            // a malformed one is an invalid record to discard (RFC 6347 §4.1.2.7).
            if !plaintext.elementsEqual(CollectionOfOne(1)) { invalidRecordsDiscarded += 1 }
        case .alert:
            processAlert(plaintext, epoch: header.epoch)
        case .applicationData:
            guard header.epoch == 1 else { return }
            if case .handshaking = phase {
                // Authenticated data that overtook the peer's Finished: held until the handshake completes.
                if earlyApplicationData.count < configuration.maximumBufferedRecords,
                   bufferedRecordBytes + plaintext.count <= configuration.maximumBufferedRecordBytes {
                    bufferedRecordBytes += plaintext.count
                    earlyApplicationData.append(Array(plaintext))
                }
                return
            }
            guard phase == .connected else { return }
            if lastFlightExpiry != nil { releaseLastFlight() }
            guard outputs.count - outputHead < configuration.maximumQueuedOutputs else {
                droppedApplicationRecords += 1
                return
            }
            enqueue(.event(.applicationData(Array(plaintext))))  // epoch 1: the whole buffer, not copied
        case nil:
            return
        }
    }

    /// Keeps an epoch-1 record that arrived before its keys, within the record and byte caps.
    /// The bytes are copied, so a held record never pins the datagram it came in.
    mutating func holdFutureRecord(_ header: RecordHeader, _ fragment: ArraySlice<UInt8>) {
        guard futureRecords.count < configuration.maximumBufferedRecords,
              bufferedRecordBytes + fragment.count <= configuration.maximumBufferedRecordBytes
        else { return }
        bufferedRecordBytes += fragment.count
        futureRecords.append((header, Array(fragment)))
    }

    /// Replays epoch-1 records that arrived before their keys.
    mutating func drainFutureRecords(now: Instant) {
        let held = futureRecords
        futureRecords = []
        bufferedRecordBytes -= held.reduce(0) { $0 + $1.1.count }
        for (header, fragment) in held where phase != .closed {
            process(header: header, fragment: fragment[...], now: now)
        }
    }

    /// RFC 5246 §7.2: a fatal alert ends the connection, close_notify closes it, and warnings are
    /// ignored (no_renegotiation among them, RFC 5746 §4.5).
    mutating func processAlert(_ bytes: ArraySlice<UInt8>, epoch: UInt16) {
        guard bytes.count == 2 else {
            // Unauthenticated, a malformed alert is an invalid record (RFC 6347 §4.1.2.7); from the
            // authenticated peer it is a decode_error.
            if epoch == 0 { invalidRecordsDiscarded += 1 } else { fail(.decodeError("alert length \(bytes.count)")) }
            return
        }
        // Once keys are in use, unauthenticated (epoch 0) alerts could be forged: ignore them. A
        // server that has not yet admitted a ClientHello has no handshake to end (it is stateless
        // until then, RFC 6347 §4.2.1), so an alert from anywhere is ignored too.
        if phase == .connected && epoch == 0 { return }
        if phase == .handshaking(.clientHello) && handshake.clientHelloSequence == nil { return }
        let level = bytes[bytes.startIndex], description = DTLSAlertDescription(rawValue: bytes[bytes.startIndex + 1])
        if description == .closeNotify {
            finish(.peerClosed, alert: .closeNotify)
        } else if level == AlertLevel.fatal.rawValue {
            finish(.peerAlert(description), alert: nil)
        }
    }

    mutating func processHandshake(_ bytes: ArraySlice<UInt8>, header: RecordHeader, now: Instant) {
        // A record whose fragments do not even frame is discarded like any invalid record
        // (RFC 6347 §4.1.2.7), so unauthenticated garbage cannot end a handshake.
        guard let fragments = try? HandshakeFragment.fragments(in: bytes) else {
            if header.epoch == 0 { invalidRecordsDiscarded += 1 }
            return
        }
        for fragment in fragments {
            guard phase != .closed else { return }
            // Finished is the only handshake message protected by epoch 1 (RFC 5246 §7.4.9).
            let isFinished = fragment.type == HandshakeType.finished.rawValue
            guard isFinished == (header.epoch == 1) else {
                if phase == .connected && header.epoch == 1 { refuseRenegotiation(fragment) }
                continue
            }
            if phase == .handshaking(.clientHello),
               !admitClientHelloFragment(fragment, recordSequence: header.sequenceNumber, now: now) {
                continue
            }
            if fragment.messageSequence < reassembler.nextSequence {
                if fragment.messageSequence == peerFlightLastSequence, fragment.offset == 0 {
                    retransmitOnPeerRepeat(now: now)
                }
                continue
            }
            if phase == .connected { continue }
            switch reassembler.add(fragment) {
            case .accepted, .ignored:
                break
            case .refused(let error):
                // Over epoch 0 anyone can forge a fragment: discard it (RFC 6347 §4.1.2.7). From the
                // authenticated peer (epoch 1) a broken fragment is a protocol error.
                if header.epoch == 0 {
                    invalidRecordsDiscarded += 1
                    continue
                }
                return fail(error)
            }
            do {
                while phase != .closed, let message = reassembler.next() {
                    try handleMessage(message, now: now)
                }
            } catch {
                return fail(error)
            }
        }
    }

    /// The peer sent its last flight again, so it missed ours: send ours again (RFC 6347 §4.2.4), at
    /// most once per half initial timeout, so forged epoch-0 repeats cannot turn us into an amplifier.
    mutating func retransmitOnPeerRepeat(now: Instant) {
        if let last = lastRepeatRetransmit, now - last < initialTimeout / 2 { return }
        lastRepeatRetransmit = now
        retransmitFlight()
    }

    /// A new handshake on an established connection: refused with a no_renegotiation warning
    /// (RFC 5746 §4.5 for a ClientHello at the server, §4.2 for a HelloRequest at the client); the
    /// connection stays up.
    mutating func refuseRenegotiation(_ fragment: HandshakeFragment) {
        guard fragment.type == HandshakeType.clientHello.rawValue || fragment.type == HandshakeType.helloRequest.rawValue,
              fragment.offset == 0
        else { return }
        var datagram: [UInt8] = []
        let alert = [AlertLevel.warning.rawValue, DTLSAlertDescription.noRenegotiation.rawValue]
        if (try? records.appendRecord(type: .alert, epoch: 1, payload: alert, into: &datagram)) != nil {
            enqueue(.transmit(datagram))
        }
    }

    mutating func handleMessage(_ message: Reassembler.Message, now: Instant) throws(DTLSError) {
        guard let type = HandshakeType(rawValue: message.type) else {
            throw .unexpectedMessage("handshake type \(message.type)")
        }
        switch role {
        case .client: try clientHandle(type, message: message, now: now)
        case .server: try serverHandle(type, message: message, now: now)
        }
    }
}
