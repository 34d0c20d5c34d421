import BrookTestSupport
import BrookICE
import BrookSansIO
import BrookUDP
import Foundation
import Testing

/// Our agent and aioice (the ICE of aiortc) on 127.0.0.1 over real UDP, in both roles: both reach
/// connected and data sent over the selected pair arrives on each side.
@Suite("ICE interop with aioice")
struct AioiceInteropTests {
    @Test("BrookICE ↔ aioice on loopback", arguments: [ICERole.controlling, .controlled], [IPAddress.Family.ipv4, .ipv6])
    func connect(role: ICERole, family: IPAddress.Family) throws {
        guard TestEnvironment.require(TestEnvironment.pythonHas("aioice") ? true : nil, "aioice (PyPI) for \(TestEnvironment.python)") != nil else { return }
        let peer = try LineProcess(TestEnvironment.python, [TestEnvironment.oracleScript("ice_aioice_peer.py"), role == .controlling ? "controlled" : "controlling",
                                                         family == .ipv4 ? "ipv4" : "ipv6"])
        defer { peer.kill() }
        let offer = try #require(peer.waitFor("ufrag", timeout: .seconds(10)), "aioice did not gather")
        let loopback: IPAddress = family == .ipv4 ? .loopbackV4 : .loopbackV6
        let socket = try UDPSocket(bind: TransportAddress(ip: loopback, port: 0))
        var driver = AgentUDPDriver(socket: socket) { ICEConfiguration(role: role, hostAddresses: [$0]) }
        let remoteCandidates = try (offer["candidates"] as? [String] ?? []).map { try ICECandidate(sdpAttribute: $0) }
        #expect(!remoteCandidates.isEmpty)
        try peer.send([
            "ufrag": driver.agent.localCredentials.usernameFragment, "pwd": driver.agent.localCredentials.password,
            "candidates": driver.agent.localCandidates.map(\.sdpAttribute),
        ])
        let now = driver.now
        driver.agent.setRemoteCredentials(ICECredentials(usernameFragment: offer["ufrag"] as! String, password: offer["pwd"] as! String), now: now)
        for candidate in remoteCandidates { driver.agent.addRemoteCandidate(candidate, now: now) }
        driver.agent.endOfRemoteCandidates(now: now)
        driver.drain()

        var lastSend = driver.now
        let hello = Array("hello from brook".utf8)
        driver.run(for: .seconds(20), until: { $0.agent.selectedPair != nil && $0.receivedData.contains(Array("hello from aioice".utf8)) }) { driver in
            if driver.agent.selectedPair != nil && driver.now - lastSend > .milliseconds(100) {
                _ = driver.send(hello)
                lastSend = driver.now
            }
        }
        #expect(driver.agent.state == .connected || driver.agent.state == .completed, "\(driver.agent.state)")
        #expect(driver.agent.selectedPair?.destination.ip == loopback)
        #expect(driver.receivedData.contains(Array("hello from aioice".utf8)))
        // Keep answering aioice's checks and sending until it reports our data.
        var received: [String: Any]?
        for _ in 0..<100 where received == nil {
            driver.run(for: .milliseconds(100), until: { _ in false })
            _ = driver.send(hello)
            received = peer.nextObject(timeout: .milliseconds(1)).flatMap { $0["received"] != nil ? $0 : nil }
        }
        #expect(received?["received"] as? String == hello.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
    }
}
