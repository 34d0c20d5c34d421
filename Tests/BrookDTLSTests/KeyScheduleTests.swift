@testable import BrookDTLS
import BrookVectors
import Foundation
import Testing

/// The DTLS 1.2 key schedule against vectors computed with OpenSSL's TLS1-PRF
/// (Vectors/dtls-key-schedule-openssl.txt): RFC 7627 §4, RFC 5246 §6.3 and §7.4.9, RFC 5705, RFC 5764 §4.2.
@Suite struct KeyScheduleTests {
    static let vectors: [RSPFile.Record] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/dtls-key-schedule-openssl.txt")
        return RSPFile(text: (try? String(contentsOf: url, encoding: .utf8)) ?? "").records
    }()

    static func suite(_ record: RSPFile.Record) -> DTLSCipherSuite? {
        DTLSCipherSuite.allCases.first { record.sections.contains($0.ianaName) }
    }

    @Test("extended master secret, key block and Finished for every suite")
    func keyDerivation() throws {
        let records = Self.vectors.filter { $0.has("PreMasterSecret") }
        #expect(records.count == 3)
        for record in records {
            let suite = try #require(Self.suite(record))
            let master = KeySchedule<BrookCryptoProvider>.extendedMasterSecret(suite, preMasterSecret: try #require(record.bytes("PreMasterSecret")),
                                                          sessionHash: try #require(record.bytes("SessionHash")))
            #expect(master == record.bytes("MasterSecret"))
            let block = KeySchedule<BrookCryptoProvider>.keyBlock(suite, masterSecret: master, clientRandom: try #require(record.bytes("ClientRandom")),
                                             serverRandom: try #require(record.bytes("ServerRandom")))
            #expect(Array(block.clientKey) == record.bytes("ClientWriteKey") && Array(block.serverKey) == record.bytes("ServerWriteKey"))
            #expect(Array(block.clientIV) == record.bytes("ClientWriteIV") && Array(block.serverIV) == record.bytes("ServerWriteIV"))
            let hash = try #require(record.bytes("TranscriptHash"))
            #expect(KeySchedule<BrookCryptoProvider>.finished(suite, masterSecret: master, client: true, transcriptHash: hash)
                == record.bytes("ClientVerifyData"))
            #expect(KeySchedule<BrookCryptoProvider>.finished(suite, masterSecret: master, client: false, transcriptHash: hash)
                == record.bytes("ServerVerifyData"))
        }
    }

    @Test("EXTRACTOR-dtls_srtp export and the SRTP key split, both roles")
    func srtpExport() throws {
        let records = Self.vectors.filter { $0.has("Profile") }
        #expect(records.count == 9)
        for record in records {
            let suite = try #require(Self.suite(record))
            let profile = try #require(SRTPProtectionProfile.allCases.first { $0.ianaName == record["Profile"] })
            let material = KeySchedule<BrookCryptoProvider>.exportKeyingMaterial(
                suite, masterSecret: try #require(record.bytes("MasterSecret")),
                clientRandom: try #require(record.bytes("ClientRandom")), serverRandom: try #require(record.bytes("ServerRandom")),
                label: SRTPKeyingMaterial.exporterLabel, context: nil, count: profile.keyingMaterialLength)
            #expect(material == record.bytes("KeyingMaterial"))
            let client = try #require(SRTPKeyingMaterial(profile: profile, material: material, isClient: true))
            let server = try #require(SRTPKeyingMaterial(profile: profile, material: material, isClient: false))
            #expect(client.localMasterKey == record.bytes("ClientMasterKey") && client.remoteMasterKey == record.bytes("ServerMasterKey"))
            #expect(client.localMasterSalt == record.bytes("ClientMasterSalt") && client.remoteMasterSalt == record.bytes("ServerMasterSalt"))
            #expect(server.localMasterKey == client.remoteMasterKey && server.localMasterSalt == client.remoteMasterSalt)
            #expect(SRTPKeyingMaterial(profile: profile, material: material + [0], isClient: true) == nil)
        }
    }
}
