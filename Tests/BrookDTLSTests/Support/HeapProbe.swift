import BrookTestSupport
import CMallocInfo
@testable import BrookDTLS
import BrookSansIO

/// Live heap per DTLS connection, measured by the allocator (glibc's mallinfo2, or ASan's
/// statistics under ASan): the bytes in use while N connections are held at one point of their
/// life, minus the bytes in use before they existed, over N. No clock is read.
enum HeapProbe {
    static var bytesInUse: Int { Int(brook_heap_in_use()) }
    static var isSanitizer: Bool { brook_heap_is_sanitizer() != 0 }

    /// Bytes per value for `count` values made by `make` and held together.
    static func perValue<T>(_ count: Int, _ make: (Int) -> T) -> (perValue: Int, held: [T]) {
        let before = bytesInUse
        var held: [T] = []
        held.reserveCapacity(count)
        for index in 0..<count { held.append(make(index)) }
        return ((bytesInUse - before) / count, held)
    }

    static func configurations(cookies: Bool) -> (DTLSConfiguration, DTLSConfiguration) {
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = cookies
        return (Identity.configuration(Identity.client, expecting: Identity.server), server)
    }

    /// A pair after the client's flight 5 was sent but not delivered: the server holds flight 4
    /// and awaits flight 5, the client holds flight 5 and awaits flight 6 — both at their largest.
    static func midHandshake(seed: UInt64) -> (client: DTLSConnection, server: DTLSConnection) {
        let (clientConfiguration, serverConfiguration) = configurations(cookies: false)
        var client = DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero, rng: SeededGenerator(seed: seed))
        var server = DTLSConnection(role: .server, configuration: serverConfiguration, now: .zero,
                                    rng: SeededGenerator(seed: seed ^ 0xFF))
        var clientReported = Reported(), serverReported = Reported()
        for datagram in clientReported.drain(&client) { server.handle(datagram: datagram, now: .zero) }
        for datagram in serverReported.drain(&server) { client.handle(datagram: datagram, now: .zero) }
        _ = clientReported.drain(&client)
        return (client, server)
    }

    /// A pair whose handshake completed, every output drained.
    static func established(seed: UInt64) -> (client: DTLSConnection, server: DTLSConnection) {
        let (clientConfiguration, serverConfiguration) = configurations(cookies: true)
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration, seed: seed)
        pump.run()
        precondition(pump.client.isConnected && pump.server.isConnected)
        return (pump.client, pump.server)
    }

    /// A server that answered a Chromium-sized (1.4 KB) fragmented ClientHello with flight 4.
    static func serverAfterBrowserHello(seed: UInt64) -> DTLSConnection {
        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.cookieExchange = false
        var server = DTLSConnection(role: .server, configuration: configuration, now: .zero, rng: SeededGenerator(seed: seed))
        let hello = BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode()
        for datagram in BrowserClientHelloTests.datagrams(hello, sequence: 0, recordSequence: 0).reversed() {
            server.handle(datagram: datagram, now: .zero)
        }
        var reported = Reported()
        precondition(!reported.drain(&server).isEmpty)
        return server
    }

    /// Every figure, by name, in bytes.
    static func measure(connections count: Int = 50, floodDatagrams: Int = 10_000) -> [(String, Int)] {
        // Warm up: lazily built identities, type metadata and runtime caches are not per connection.
        _ = established(seed: 999)
        _ = midHandshake(seed: 998)
        _ = serverAfterBrowserHello(seed: 997)

        var figures: [(String, Int)] = [("connection value (inline)", MemoryLayout<DTLSConnection>.stride)]
        do {
            let (server, _) = perValue(count) { index in midHandshake(seed: UInt64(index)).server }
            figures.append(("server mid-handshake (awaiting flight 5)", server))
        }
        do {
            let (client, _) = perValue(count) { index in midHandshake(seed: UInt64(index)).client }
            figures.append(("client mid-handshake (awaiting flight 6)", client))
        }
        do {
            let (browser, _) = perValue(count) { index in serverAfterBrowserHello(seed: UInt64(index)) }
            figures.append(("server mid-handshake after a 1.4 KB browser ClientHello", browser))
        }
        do {
            let (server, _) = perValue(count) { index in established(seed: UInt64(index)).server }
            figures.append(("server established", server))
        }
        do {
            let (client, _) = perValue(count) { index in established(seed: UInt64(index)).client }
            figures.append(("client established", client))
        }
        // The gate under a flood of cookieless first fragments from as many addresses.
        let hello = BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode()
        let first = BrowserClientHelloTests.datagrams(hello, sequence: 0, recordSequence: 0)[1]
        var gate = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 5))
        var replies = 0
        _ = gate.judge(datagram: first, peerIdentity: [1], now: .zero)
        let before = bytesInUse
        for index in 0..<floodDatagrams {
            let address: [UInt8] = [10, UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF), 0, 1]
            if case .reply = gate.judge(datagram: first, peerIdentity: address, now: .zero + .milliseconds(index)) { replies += 1 }
        }
        figures.append(("gate growth over the flood", bytesInUse - before))
        figures.append(("gate replies", replies))
        withExtendedLifetime(gate) {}
        return figures
    }
}
