import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// What the ServerHello answers (RFC 5246 §7.4.1.4: only extensions the client offered).
@Suite struct ServerHelloExtensionTests {
    /// The ServerHello the server sends for the client's hello after `edit`, and whether the
    /// handshake then completes.
    static func serverHello(editing edit: (inout ClientHello) -> Void) throws -> (ServerHello, completed: Bool) {
        var pump = HostilePeerHandshakeTests.pump(cookies: false, editing: edit)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        let flight4 = pump.serverReported.drain(&pump.server)
        let hello = try ServerHello(body: try #require(Surgery.messages(flight4, firstSequence: 0).first).body)
        for datagram in flight4 { pump.client.handle(datagram: datagram, now: .zero) }
        pump.run()
        return (hello, pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }

    static func removing(_ type: UInt16, from extensions: HelloExtensions) -> HelloExtensions {
        var kept = HelloExtensions()
        for entry in extensions.entries where entry.type != type { kept.add(entry.type, Array(entry.data)) }
        return kept
    }

    @Test("renegotiation_info is echoed only when offered: by the extension or TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.6)")
    func renegotiationInfoOnlyWhenOffered() throws {
        let (withExtension, completed1) = try Self.serverHello { _ in }
        #expect(withExtension.extensions[ExtensionType.renegotiationInfo].map(Array.init) == [0])
        #expect(completed1)

        let (withSCSV, completed2) = try Self.serverHello { hello in
            hello.extensions = Self.removing(ExtensionType.renegotiationInfo, from: hello.extensions)
            hello.cipherSuites.append(HelloExtensions.emptyRenegotiationInfoSCSV)
        }
        #expect(withSCSV.extensions[ExtensionType.renegotiationInfo].map(Array.init) == [0])
        #expect(completed2)

        let (neither, completed3) = try Self.serverHello { hello in
            hello.extensions = Self.removing(ExtensionType.renegotiationInfo, from: hello.extensions)
        }
        #expect(neither.extensions[ExtensionType.renegotiationInfo] == nil, "an unsolicited extension is fatal for the client")
        #expect(completed3)
    }

    @Test("extended_master_secret and ec_point_formats are echoed only when offered")
    func otherEchoes() throws {
        let (plain, _) = try Self.serverHello { _ in }
        #expect(plain.extensions[ExtensionType.ecPointFormats] != nil && plain.extensions[ExtensionType.extendedMasterSecret] != nil)
        let (bare, _) = try Self.serverHello { hello in
            hello.extensions = Self.removing(ExtensionType.ecPointFormats, from: hello.extensions)
        }
        #expect(bare.extensions[ExtensionType.ecPointFormats] == nil)
    }
}
