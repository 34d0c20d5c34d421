import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookX509
import Testing

/// Our client against our server in memory, with no loss (RFC 6347 §4.2 flights end to end).
@Suite struct HandshakePumpTests {
    static let combinations: [(DTLSCipherSuite, DTLSNamedGroup, SRTPProtectionProfile)] =
        DTLSCipherSuite.allCases.flatMap { suite in
            DTLSNamedGroup.allCases.flatMap { group in SRTPProtectionProfile.allCases.map { (suite, group, $0) } }
        }

    func configurations(_ suite: DTLSCipherSuite, _ group: DTLSNamedGroup, _ profile: SRTPProtectionProfile)
        -> (DTLSConfiguration, DTLSConfiguration)
    {
        var client = Identity.configuration(Identity.client, expecting: Identity.server)
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        client.cipherSuites = [suite]
        server.groups = [group]
        server.srtpProfiles = [profile]
        return (client, server)
    }

    @Test("every suite × group × SRTP profile completes and both sides agree on the keys",
          arguments: 0..<combinations.count)
    func handshake(index: Int) throws {
        let (suite, group, profile) = Self.combinations[index]
        let (clientConfiguration, serverConfiguration) = configurations(suite, group, profile)
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration,
                        seed: UInt64(index))
        pump.run()
        let client = try #require(pump.clientReported.connected)
        let server = try #require(pump.serverReported.connected)
        #expect(client.cipherSuite == suite && server.cipherSuite == suite)
        #expect(client.group == group && server.group == group)
        let clientSRTP = try #require(client.srtp), serverSRTP = try #require(server.srtp)
        #expect(clientSRTP.profile == profile)
        #expect(clientSRTP.localMasterKey == serverSRTP.remoteMasterKey)
        #expect(clientSRTP.localMasterSalt == serverSRTP.remoteMasterSalt)
        #expect(clientSRTP.remoteMasterKey == serverSRTP.localMasterKey)
        #expect(clientSRTP.localMasterKey.count == profile.masterKeyLength)
        #expect(clientSRTP.localMasterSalt.count == profile.masterSaltLength)
        #expect(clientSRTP.localMasterKey != clientSRTP.remoteMasterKey)
        #expect(client.peerFingerprint == CertificateFingerprint(certificate: Identity.server.certificate))
        #expect(server.peerFingerprint == CertificateFingerprint(certificate: Identity.client.certificate))
        #expect(try pump.client.exportKeyingMaterial(label: "EXPERIMENTAL test", length: 40)
            == pump.server.exportKeyingMaterial(label: "EXPERIMENTAL test", length: 40))

        try pump.client.send(Array("hello from the client".utf8))
        try pump.server.send(Array("hello from the server".utf8))
        pump.run()
        #expect(pump.serverReported.data == [Array("hello from the client".utf8)])
        #expect(pump.clientReported.data == [Array("hello from the server".utf8)])
        pump.client.close()
        pump.run()
        #expect(pump.clientReported.closed == .localClose)
        #expect(pump.serverReported.closed == .peerClosed)
    }

    @Test("handshake with one record per datagram, a small MTU and no cookie exchange")
    func fragmentedOneRecordAtATime() throws {
        for cookies in [true, false] {
            var (clientConfiguration, serverConfiguration) = configurations(.ecdheECDSAWithAES256GCMSHA384, .secp256r1,
                                                                             .aes128CMHMACSHA1_80)
            clientConfiguration.maximumTransmissionUnit = 150
            serverConfiguration.maximumTransmissionUnit = 150
            serverConfiguration.cookieExchange = cookies
            var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
            var largest = 0
            pump.transform = { datagram in
                largest = max(largest, datagram.count)
                return recordsOf(datagram).reversed()
            }
            pump.run(rounds: 200)
            #expect(largest <= 150)
            #expect(pump.clientReported.connected != nil)
            #expect(pump.serverReported.connected != nil)
        }
    }

    @Test("a wrong expected fingerprint fails the handshake with bad_certificate")
    func fingerprintMismatch() throws {
        let stranger = Identity.make(seed: 77)
        let clientConfiguration = Identity.configuration(Identity.client, expecting: stranger)
        let serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
        pump.run()
        #expect(pump.clientReported.connected == nil)
        #expect(pump.clientReported.closed == .error(.badCertificate("certificate fingerprint does not match")))
        #expect(pump.serverReported.closed == .peerAlert(.badCertificate))

        // And the server side: it expects another client.
        let server2 = Identity.configuration(Identity.server, expecting: stranger)
        let client2 = Identity.configuration(Identity.client, expecting: Identity.server)
        var pump2 = Pump(clientConfiguration: client2, serverConfiguration: server2)
        pump2.run()
        #expect(pump2.serverReported.closed == .error(.badCertificate("certificate fingerprint does not match")))
        #expect(pump2.clientReported.closed == .peerAlert(.badCertificate))
    }

    @Test("no SRTP profile in common is a handshake_failure")
    func noCommonProfile() {
        var clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        clientConfiguration.srtpProfiles = [.aes128CMHMACSHA1_32]
        serverConfiguration.srtpProfiles = [.aeadAES128GCM]
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
        pump.run()
        #expect(pump.serverReported.closed == .error(.handshakeFailure("no SRTP protection profile in common")))
        #expect(pump.clientReported.closed == .peerAlert(.handshakeFailure))
    }
}
