import BrookDTLS
import BrookSansIO

/// Seeds the DTLS targets need that only Brook's own fixed endpoints can make, and a replay of a
/// script that reports how far it got. `Tests/BrookFuzzTests` writes the seeds to Fuzz/Corpus
/// (with `BROOK_FUZZ_WRITE_CORPUS=1`) next to the ones recorded from OpenSSL, and checks that
/// committed seeds still take the fixed endpoints through whole handshakes.
public enum DTLSFuzzSeeds {
    /// How far a script took an endpoint.
    public struct Outcome: Sendable, Equatable {
        public var connected = false
        public var applicationData: [UInt8] = []
        public var closed: DTLSCloseReason?

        public init() {}
    }

    /// The dtls-server target's server run through `script`, without the target's checks.
    public static func replayServer(_ script: FuzzScript) -> Outcome {
        var server = DTLSFuzzFixture.server(mode: script.mode)
        return replay(&server, script)
    }

    /// The dtls-client target's client run through `script`, without the target's checks.
    public static func replayClient(_ script: FuzzScript) -> Outcome {
        let states = DTLSClientStates.shared
        var client = script.mode & 1 == 0 ? states.afterCookie : states.afterHello
        return replay(&client, script)
    }

    private static func replay(_ connection: inout DTLSConnection, _ script: FuzzScript) -> Outcome {
        var outcome = Outcome()
        var now = Instant.zero
        for step in script.steps {
            switch step {
            case .datagram(let datagram): connection.handle(datagram: datagram, now: now)
            case .wait(let milliseconds):
                now = now + .milliseconds(milliseconds)
                connection.handleTimeout(now: now)
            case .waitForDeadline:
                if let deadline = connection.nextDeadline, deadline > now { now = deadline }
                connection.handleTimeout(now: now)
            }
            while let output = connection.pollOutput() {
                switch output {
                case .event(.connected): outcome.connected = true
                case .event(.applicationData(let data)): outcome.applicationData += data
                case .event(.closed(let reason)): outcome.closed = reason
                default: break
                }
            }
        }
        return outcome
    }

    /// The text the fixed endpoints send once connected, in the seeds they make.
    public static let greeting = Array("hello from the fixed peer\n".utf8)

    /// dtls-client seeds (mode 0): what the fixed server sends the client after its own
    /// HelloVerifyRequest — flight 4, flight 6, data, close_notify — for every suite and group, whole
    /// datagrams or one record per datagram, at the default MTU and at 300 bytes.
    public static func clientFromFixedServer() -> [(name: String, script: FuzzScript)] {
        var seeds: [(String, FuzzScript)] = []
        for suite in DTLSCipherSuite.allCases {
            for group in DTLSNamedGroup.allCases {
                let small = seeds.count % 3 == 1
                var server = DTLSFuzzFixture.server(maximumTransmissionUnit: small ? 300 : 1200, cipherSuites: [suite], groups: [group])
                var client = DTLSClientStates.shared.afterCookie
                let states = DTLSClientStates.shared
                for datagram in states.firstHello { server.handle(datagram: datagram, now: .zero) }
                _ = DTLSFuzzFixture.datagrams(&server)
                var toClient: [[UInt8]] = []
                var toServer = states.secondHello
                for _ in 0..<8 where !toServer.isEmpty {
                    for datagram in toServer { server.handle(datagram: datagram, now: .zero) }
                    let answer = DTLSFuzzFixture.datagrams(&server)
                    toClient += answer
                    for datagram in answer { client.handle(datagram: datagram, now: .zero) }
                    toServer = DTLSFuzzFixture.datagrams(&client)
                }
                guard server.isConnected, (try? server.send(greeting)) != nil else { continue }
                server.close()
                toClient += DTLSFuzzFixture.datagrams(&server)
                let name = "fixed-server-\(suiteName(suite))-\(group)\(small ? "-mtu300" : "")"
                seeds.append((name, FuzzScript(mode: 0, steps: toClient.map { .datagram($0) })))
                if seeds.count % 2 == 0 {
                    let pieces = toClient.flatMap { WireRecord.split($0).records.map { Array($0.bytes) } }
                    seeds.append((name + "-records", FuzzScript(mode: 0, steps: pieces.map { .datagram($0) })))
                }
            }
        }
        return seeds
    }

    /// dtls-server seeds: what the fixed client sends the fixed server (every suite the server may
    /// insist on), with and without the cookie exchange, some with timer expiries in between.
    public static func serverFromFixedClient() -> [(name: String, script: FuzzScript)] {
        var seeds: [(String, FuzzScript)] = []
        // (cookie exchange, MTU index, timer expiries in between)
        for (index, (cookies, mtuIndex, waits)) in [(true, 0, false), (false, 0, false), (true, 1, true), (false, 2, true),
                                                    (true, 3, false)].enumerated() {
            let mode = UInt8(cookies ? 0 : 1) | UInt8(mtuIndex << 2)
            var server = DTLSFuzzFixture.server(mode: mode)
            var client = DTLSFuzzFixture.client()
            var steps: [FuzzStep] = []
            for _ in 0..<8 {
                let toServer = DTLSFuzzFixture.datagrams(&client)
                if toServer.isEmpty { break }
                steps += toServer.map { .datagram($0) }
                for datagram in toServer { server.handle(datagram: datagram, now: .zero) }
                for datagram in DTLSFuzzFixture.datagrams(&server) { client.handle(datagram: datagram, now: .zero) }
            }
            guard client.isConnected, (try? client.send(greeting)) != nil else { continue }
            client.close()
            steps += DTLSFuzzFixture.datagrams(&client).map { .datagram($0) }
            if waits {
                steps.insert(.waitForDeadline, at: steps.count / 2)
                steps.insert(.wait(milliseconds: 20 * index), at: steps.count - 1)
            }
            let name = "fixed-client-\(cookies ? "cookie" : "nocookie")-mtu\(DTLSFuzzFixture.serverMTUs[mtuIndex])\(waits ? "-timers" : "")"
            seeds.append((name, FuzzScript(mode: mode, steps: steps)))
        }
        return seeds
    }

    /// dtls-record seeds: the genuine records of every fixture (each suite, both receivers) in
    /// order, coalesced, reordered with replays, around a close_notify, after a replay of the
    /// handshake, and among malformed records; some with time passing.
    public static func record() -> [(name: String, script: FuzzScript)] {
        guard let fixtures = DTLSRecordFixture.all else { return [] }
        var seeds: [(String, FuzzScript)] = []
        for (index, fixture) in fixtures.enumerated() {
            let mode = UInt8(index / 2) << 1 | UInt8(index % 2)
            let name = "\(suiteName(DTLSCipherSuite.allCases[index / 2]))-to-\(index % 2 == 0 ? "server" : "client")"
            let data = fixture.dataRecords
            let inOrder = data.map { FuzzStep.datagram($0) }
            let coalesced = FuzzStep.datagram(data.reduce([], +))
            let shuffled = [5, 2, 2, 7, 0, 5, 1, 6, 3, 4].map { FuzzStep.datagram(data[$0]) }
            var tampered = data[3]
            tampered[tampered.count - 1] ^= 0x01
            var wrongEpoch = data[4]
            wrongEpoch[4] = 2
            var wrongVersion = data[5]
            wrongVersion[2] = 0xFF
            let truncated = Array(data[6].prefix(data[6].count - 5))
            let scripts: [(String, [FuzzStep])] = [
                ("in-order", inOrder),
                ("coalesced", [coalesced, .wait(milliseconds: 30), .datagram(data[1])]),
                ("replays", shuffled),
                ("close", Array(inOrder.prefix(3)) + [.datagram(fixture.closeRecord)] + inOrder.suffix(2)),
                ("handshake-replay", fixture.handshakeDatagrams.map { .datagram($0) } + [.wait(milliseconds: 100)]
                    + fixture.handshakeDatagrams.suffix(1).map { .datagram($0) } + [.datagram(data[2])]),
                ("forged", [.datagram(tampered), .datagram(wrongEpoch), .datagram(wrongVersion), .datagram(truncated),
                            .datagram(data[1] + tampered), .waitForDeadline, .datagram(data[7])]),
            ]
            for (kind, steps) in scripts { seeds.append(("\(name)-\(kind)", FuzzScript(mode: mode, steps: steps))) }
        }
        return seeds
    }

    static func suiteName(_ suite: DTLSCipherSuite) -> String {
        switch suite {
        case .ecdheECDSAWithAES128GCMSHA256: "aes128gcm"
        case .ecdheECDSAWithAES256GCMSHA384: "aes256gcm"
        case .ecdheECDSAWithChaCha20Poly1305SHA256: "chacha20poly1305"
        }
    }
}
