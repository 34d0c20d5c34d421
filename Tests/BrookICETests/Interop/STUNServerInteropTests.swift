import BrookTestSupport
import BrookICE
import BrookSansIO
import BrookUDP
import Foundation
import Testing

/// Our STUN server answering real clients over loopback UDP: aioice's STUN codec and coturn's
/// `turnutils_stunclient`; and the `brook stun` command itself.
@Suite("STUN server with real clients")
struct STUNServerInteropTests {
    static func aioiceClient(_ server: TransportAddress) throws -> [String: Any]? {
        guard TestEnvironment.require(TestEnvironment.pythonHas("aioice") ? true : nil, "aioice (PyPI) for \(TestEnvironment.python)") != nil else { return nil }
        let output = try ExternalProcess.run(TestEnvironment.python, [TestEnvironment.oracleScript("ice_aioice_stun_client.py"), "\(server.ip)", "\(server.port)"])
        return try JSONSerialization.jsonObject(with: Data(output.stdout)) as? [String: Any]
    }

    static func checkAioice(_ server: TransportAddress, software: String) throws {
        guard let answer = try aioiceClient(server) else { return }
        #expect(answer["class"] as? String == "RESPONSE")
        #expect(answer["fingerprint"] as? Bool == true)
        #expect(answer["software"] as? String == software)
        let mapped = answer["xor_mapped"] as? [Any], local = answer["local"] as? [Any]
        #expect(mapped?.first as? String == local?.first as? String)
        #expect(mapped?.last as? Int == local?.last as? Int)
    }

    static func checkTurnutils(_ server: TransportAddress) throws {
        guard let tool = TestEnvironment.require(ExternalProcess.which("turnutils_stunclient"), "turnutils_stunclient (Debian coturn)") else { return }
        let result = try ExternalProcess.run(tool, ["-p", "\(server.port)", "\(server.ip)"])
        let text = result.stdoutText + result.stderr
        // It prints the reflexive address it learned from XOR-MAPPED-ADDRESS.
        #expect(text.contains("UDP reflexive addr: \(server.ip):"), "\(text)")
    }

    @Test("aioice's STUN client and turnutils_stunclient get XOR-MAPPED-ADDRESS from our server (IPv4)")
    func ipv4() throws {
        let server = try BackgroundSTUNServer(bind: TransportAddress("127.0.0.1:0")!)
        defer { server.stop() }
        try Self.checkAioice(server.address, software: "Brook test")
        try Self.checkTurnutils(server.address)
    }

    @Test("aioice's STUN client over IPv6 loopback")
    func ipv6() throws {
        guard let server = try? BackgroundSTUNServer(bind: TransportAddress("[::1]:0")!) else {
            _ = TestEnvironment.require(nil as Bool?, "IPv6 loopback")
            return
        }
        defer { server.stop() }
        try Self.checkAioice(server.address, software: "Brook test")
    }

    @Test("`brook stun --listen` answers real clients")
    func command() throws {
        let brook = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("brook").path
        let binary = FileManager.default.isExecutableFile(atPath: brook) ? brook : TestEnvironment.packageRoot.appendingPathComponent(".build/debug/brook").path
        guard let executable = TestEnvironment.require(FileManager.default.isExecutableFile(atPath: binary) ? binary : nil, "the brook executable (swift build)") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["stun", "--listen", "127.0.0.1:0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // SIGKILL: a child spawned from a test thread may inherit a mask that blocks SIGTERM.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        var line = [UInt8]()
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        let address = try #require(TransportAddress(text.replacingOccurrences(of: "listening on ", with: "")), "\(text)")
        try Self.checkAioice(address, software: "Brook STUN")
        try Self.checkTurnutils(address)
    }
}
