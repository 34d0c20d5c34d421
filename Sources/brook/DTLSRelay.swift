import ArgumentParser
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Foundation

/// The loop of `brook dtls server|client`: reports connections, relays stdin to every connected peer
/// and peer data to stdout, and turns the end of a connection into the exit status.
struct DTLSRelay {
    let loop: DTLSUDPLoop
    let options: DTLSEndpointOptions
    /// Client, and server with `--once`: exit when the (first) connection ends.
    let stopAfterFirstClose: Bool
    let statsInterval: Double?

    func run() throws {
        loop.keyingMaterialExport = .init(label: SRTPKeyingMaterial.exporterLabel, length: options.exportLengthRule)
        var stdinOpen = true
        var pending: [UInt8] = []  // stdin read before any peer is connected
        var nextStats = statsInterval.map { monotonicNow() + .milliseconds(Int64($0 * 1000)) }
        while true {
            let wait: Duration = nextStats.map { max(.zero, min(.milliseconds(200), $0 - monotonicNow())) } ?? .milliseconds(200)
            let (events, stdinReadable) = loop.step(maximumWait: wait, watching: stdinOpen ? 0 : nil)
            for item in events {
                if let status = report(item) {
                    if let interval = statsInterval, interval > 0 { printStats() }
                    throw status
                }
            }
            if stdinReadable {
                let chunk = FileHandle.standardInput.availableData
                if chunk.isEmpty { stdinOpen = false } else { pending += chunk }
            }
            if !pending.isEmpty || (!stdinOpen && stopAfterFirstClose) {
                let peers = loop.connectedPeers
                if !peers.isEmpty && !pending.isEmpty {
                    for peer in peers {
                        do { try loop.send(pending, to: peer) } catch {
                            printError("error: \(peer): sending: \(error)")
                        }
                    }
                    pending = []
                }
                // End of input closes the connection, as s_client does.
                if !stdinOpen && stopAfterFirstClose && pending.isEmpty { for peer in peers { loop.close(peer) } }
            }
            if let due = nextStats, monotonicNow() >= due, let interval = statsInterval {
                printStats()
                nextStats = due + .milliseconds(Int64(max(interval, 0.001) * 1000))
            }
        }
    }

    /// Prints what `item` reports; the exit status when the relay should end.
    private func report(_ item: DTLSUDPLoop.Event) -> ExitCode? {
        switch item.event {
        case .connected(let negotiated):
            printError("cipher: \(negotiated.cipherSuite.ianaName)")
            printError("group: \(negotiated.group)")
            printError("srtp-profile: \(negotiated.srtp?.profile.ianaName ?? "none")")
            printError("peer-fingerprint: \(negotiated.peerFingerprint)")
            guard let material = item.keyingMaterial else {
                printError("error: \(item.peer): the keying material could not be exported")
                if stopAfterFirstClose { return .failure }
                loop.close(item.peer)
                return nil
            }
            printError("keying-material: \(material.map { String(format: "%02x", $0) }.joined())")
        case .applicationData(let bytes):
            FileHandle.standardOutput.write(Data(bytes))
        case .peerCertificate:
            break
        case .closed(let reason):
            let failure: String?
            switch reason {
            case .peerClosed, .localClose: failure = nil
            case .peerAlert(let alert): failure = "peer sent fatal alert \(alert)"
            case .error(let error): failure = oneLine(error)
            case .handshakeTimeout: failure = "handshake timed out"
            case .idleTimeout: failure = "idle timeout: nothing from the peer for --idle-timeout seconds"
            case .peerRestarted:
                // The peer lost the connection and began another from the same address: it goes on.
                printError("restarted: \(item.peer)")
                return nil
            }
            if let failure { printError("error: \(item.peer): \(failure)") }
            if stopAfterFirstClose { return failure == nil ? .success : .failure }
        }
        return nil
    }

    private func printStats() {
        let s = loop.statistics
        let fields: [(String, Int)] = [
            ("datagrams_in", s.datagramsReceived), ("bytes_in", s.bytesReceived),
            ("datagrams_out", s.datagramsSent), ("bytes_out", s.bytesSent), ("largest_datagram_out", s.largestDatagramSent),
            ("hello_verify_requests", s.helloVerifyRequests), ("hello_verify_request_bytes", s.helloVerifyRequestBytes),
            ("answered_hello_bytes", s.answeredHelloBytes), ("amplifying_replies", s.amplifyingReplies),
            ("dropped_by_gate", s.droppedByGate), ("dropped_at_capacity", s.droppedAtCapacity),
            ("connections_created", s.connectionsCreated), ("connections", s.connections),
            ("connected", s.connected), ("send_failures", s.sendFailures), ("restarts", s.restarts),
        ]
        printError("stats: {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}
