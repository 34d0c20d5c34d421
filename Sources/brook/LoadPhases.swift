import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Foundation

/// The three phases of `brook dtls load`, each against a fresh server child.
enum LoadPhases {
    /// `count` clients start together; the figures are taken once every handshake has finished.
    static func handshakes(_ setup: LoadSetup, count: Int, timeout: Duration) throws -> LoadReport {
        let server = try setup.startServer()
        defer { server.stop() }
        let start = server.memory()
        let clients = try LoadClients(count: count, server: try server.address, configuration: setup.clientConfiguration)
        let began = monotonicNow()
        clients.start()
        clients.pump(timeout: timeout) { clients.finishedCount == count }
        let last = clients.clients.compactMap(\.connectedAt).max() ?? began
        let seconds = max(1e-9, Double((last - began).nanosecondsClamped) / 1e9)
        let latencies = clients.latencies
        let stats = server.stats(waitingUpTo: 2) { $0["connected"] == clients.connectedCount }
        let memory = server.memory()
        clients.closeAll()
        let negotiated = clients.clients.first { $0.negotiated != nil }?.negotiated

        var report = LoadReport(phase: "handshakes")
        report.add("connections", count)
        report.add("connected", clients.connectedCount)
        report.add("failed", count - clients.connectedCount)
        report.add("seconds", seconds)
        report.add("handshakes_per_s", Double(clients.connectedCount) / seconds)
        report.add("latency_p50_ms", percentileMilliseconds(latencies, 0.50))
        report.add("latency_p99_ms", percentileMilliseconds(latencies, 0.99))
        report.add("latency_max_ms", percentileMilliseconds(latencies, 1))
        report.add("client_timeouts", clients.timeoutsHandled)
        report.add("hello_verify_requests", stats["hello_verify_requests"] ?? 0)
        report.add("server_datagrams_in", stats["datagrams_in"] ?? 0)
        report.add("server_datagrams_out", stats["datagrams_out"] ?? 0)
        report.add("server_rss_start_kib", start.rss)
        report.add("server_rss_established_kib", memory.rss)
        report.add("server_rss_peak_kib", memory.peak)
        report.add("cipher", negotiated?.cipherSuite.ianaName ?? "none")
        report.add("group", negotiated.map { "\($0.group)" } ?? "none")
        let suite = negotiated.map { "\($0.cipherSuite.ianaName), \($0.group)" } ?? "nothing negotiated"
        report.text = "handshakes: \(count) concurrent, \(clients.connectedCount) connected in \(fixed(seconds, 3)) s, "
            + "\(fixed(Double(clients.connectedCount) / seconds, 1)) per second, latency p50 \(fixed(percentileMilliseconds(latencies, 0.5), 1)) ms, "
            + "p99 \(fixed(percentileMilliseconds(latencies, 0.99), 1)) ms, max \(fixed(percentileMilliseconds(latencies, 1), 1)) ms "
            + "(\(suite), cookie exchange on); server RSS \(mebibytes(start.rss)) at start, \(mebibytes(memory.peak)) peak"
        if !server.errors.isEmpty { report.text += "\n  server: " + server.errors.joined(separator: "\n  server: ") }
        return report
    }

    /// Every client holds its final flight back until all sit mid-handshake on the server (each
    /// server connection then holds its ephemeral key, transcript and flight), then all complete.
    static func memory(_ setup: LoadSetup, count: Int, timeout: Duration) throws -> LoadReport {
        let server = try setup.startServer()
        defer { server.stop() }
        Thread.sleep(forTimeInterval: 0.2)
        let start = server.memory()
        let clients = try LoadClients(count: count, server: try server.address, configuration: setup.clientConfiguration)
        clients.holdFinalFlight = true
        clients.start()
        clients.pump(timeout: timeout) { clients.holdingCount + clients.failedCount == count }
        let handshaking = server.stats(waitingUpTo: 2) { $0["connections"] == clients.holdingCount }
        let during = server.memory()
        clients.releaseHeld()
        clients.pump(timeout: timeout) { clients.finishedCount == count }
        let established = server.stats(waitingUpTo: 2) { $0["connected"] == clients.connectedCount }
        Thread.sleep(forTimeInterval: 0.1)
        let after = server.memory()
        clients.closeAll()

        let perHandshaking = (during.rss - start.rss) * 1024 / max(1, handshaking["connections"] ?? 0)
        let perEstablished = (after.rss - start.rss) * 1024 / max(1, established["connected"] ?? 0)
        var report = LoadReport(phase: "memory")
        report.add("connections", count)
        report.add("handshaking", handshaking["connections"] ?? 0)
        report.add("connected", established["connected"] ?? 0)
        report.add("server_rss_start_kib", start.rss)
        report.add("server_rss_handshaking_kib", during.rss)
        report.add("server_rss_established_kib", after.rss)
        report.add("server_rss_peak_kib", after.peak)
        report.add("handshaking_bytes_per_connection", perHandshaking)
        report.add("established_bytes_per_connection", perEstablished)
        report.text = "memory: \(fixed(Double(perHandshaking) / 1024, 1)) KiB per connection mid-handshake (\(handshaking["connections"] ?? 0) held), "
            + "\(fixed(Double(perEstablished) / 1024, 1)) KiB established (\(established["connected"] ?? 0)); server RSS "
            + "\(mebibytes(start.rss)) at start, \(mebibytes(during.rss)) mid-handshake, \(mebibytes(after.rss)) established, "
            + "\(mebibytes(after.peak)) peak"
        return report
    }

    /// `datagrams` cookieless ClientHellos from `sources` sockets; a legitimate client starts halfway.
    static func flood(_ setup: LoadSetup, datagrams: Int, sources: Int, timeout: Duration) throws -> LoadReport {
        let server = try setup.startServer(maximumConnections: 16)
        defer { server.stop() }
        let address = try server.address
        var probe = DTLSConnection(role: .client, configuration: setup.clientConfiguration, now: monotonicNow())
        guard case .transmit(let hello) = probe.pollOutput() else { throw LoadFailure("no ClientHello to flood with") }
        let legitimate = try LoadClients(count: 1, server: address, configuration: setup.clientConfiguration)
        let flooder = try LoadFlood(template: hello, sources: sources, server: address)
        Thread.sleep(forTimeInterval: 0.2)
        let start = server.memory()
        var largest = start.rss
        var sampled = monotonicNow()
        var started = false
        let result = flooder.run(total: datagrams) { sent in
            if !started && sent >= datagrams / 2 {
                legitimate.start()
                started = true
            }
            if started { legitimate.step(maximumWait: .zero) }
            if monotonicNow() - sampled > .milliseconds(20) {
                largest = max(largest, server.memory().rss)
                sampled = monotonicNow()
            }
        }
        if !started { legitimate.start() }
        legitimate.pump(timeout: timeout) { legitimate.finishedCount == 1 }
        Thread.sleep(forTimeInterval: 0.3)  // the last stats line after the last datagram
        let stats = server.stats()
        let end = server.memory()
        largest = max(largest, end.rss, end.peak > start.peak ? end.peak : 0)
        let latency = legitimate.latencies.first.map { Double($0.nanosecondsClamped) / 1e6 }
        legitimate.closeAll()

        var report = LoadReport(phase: "flood")
        report.add("datagrams", result.sent)
        report.add("sources", flooder.sourceCount)
        report.add("client_hello_bytes", hello.count)
        report.add("replies", result.replies)
        report.add("largest_reply_bytes", result.largestReply)
        report.add("amplifying_replies_seen", result.amplifyingReplies)
        report.add("written_off", result.writtenOff)
        report.add("seconds", result.seconds)
        for (field, key) in [("server_datagrams_in", "datagrams_in"), ("server_bytes_in", "bytes_in"),
                             ("server_datagrams_out", "datagrams_out"), ("server_bytes_out", "bytes_out"),
                             ("hello_verify_requests", "hello_verify_requests"),
                             ("hello_verify_request_bytes", "hello_verify_request_bytes"),
                             ("answered_hello_bytes", "answered_hello_bytes"), ("amplifying_replies", "amplifying_replies"),
                             ("connections_created", "connections_created"), ("dropped_by_gate", "dropped_by_gate")] {
            report.add(field, stats[key] ?? -1)
        }
        report.add("server_rss_start_kib", start.rss)
        report.add("server_rss_max_kib", largest)
        report.add("server_rss_end_kib", end.rss)
        report.add("server_rss_growth_kib", largest - start.rss)
        report.add("legitimate_connected", legitimate.connectedCount == 1)
        report.add("legitimate_latency_ms", latency ?? -1)
        let verdict = latency.map { "connected in \(fixed($0, 1)) ms" } ?? "did not connect"
        report.text = "flood: \(result.sent) cookieless ClientHellos of \(hello.count) bytes from \(flooder.sourceCount) sources in "
            + "\(fixed(result.seconds, 1)) s; server received \(stats["datagrams_in"] ?? -1) datagrams (\(stats["bytes_in"] ?? -1) bytes), "
            + "sent \(stats["datagrams_out"] ?? -1) (\(stats["bytes_out"] ?? -1) bytes); \(stats["hello_verify_requests"] ?? -1) "
            + "HelloVerifyRequests, largest \(result.largestReply) bytes, \(stats["amplifying_replies"] ?? -1) larger than their ClientHello; "
            + "\(stats["connections_created"] ?? -1) connections created; server RSS \(mebibytes(start.rss)) at start, "
            + "\(mebibytes(largest)) at most (+\(largest - start.rss) KiB); legitimate client \(verdict)"
        return report
    }
}
