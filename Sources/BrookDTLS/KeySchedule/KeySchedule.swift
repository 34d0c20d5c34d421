/// The TLS 1.2 key schedule as DTLS 1.2 uses it, with the suite's PRF hash (SHA-256, or SHA-384
/// for AES-256-GCM, RFC 5289 §3.2).
enum KeySchedule<Crypto: DTLSCryptoProvider> {
    static func prf(_ suite: DTLSCipherSuite, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        Crypto.prf(sha384: suite.usesSHA384, secret: secret, label: label, seed: seed, count: count)
    }

    /// RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47],
    /// where session_hash hashes the transcript up to and including ClientKeyExchange.
    static func extendedMasterSecret(_ suite: DTLSCipherSuite, preMasterSecret: [UInt8], sessionHash: [UInt8]) -> [UInt8] {
        prf(suite, secret: preMasterSecret, label: "extended master secret", seed: sessionHash, count: 48)
    }

    /// RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", client_random ‖ server_random),
    /// used only when extended_master_secret was not negotiated and not required.
    static func masterSecret(_ suite: DTLSCipherSuite, preMasterSecret: [UInt8], clientRandom: [UInt8],
                             serverRandom: [UInt8]) -> [UInt8] {
        prf(suite, secret: preMasterSecret, label: "master secret", seed: clientRandom + serverRandom, count: 48)
    }

    /// RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random ‖ client_random),
    /// split into client/server write keys then client/server implicit IVs (AEAD suites have no MAC
    /// keys); the parts are slices of the one block.
    static func keyBlock(_ suite: DTLSCipherSuite, masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8])
        -> (clientKey: ArraySlice<UInt8>, serverKey: ArraySlice<UInt8>, clientIV: ArraySlice<UInt8>, serverIV: ArraySlice<UInt8>)
    {
        let k = suite.keyLength, iv = suite.fixedIVLength
        let block = prf(suite, secret: masterSecret, label: "key expansion", seed: serverRandom + clientRandom,
                        count: 2 * (k + iv))
        return (block[0..<k], block[k..<2 * k], block[2 * k..<2 * k + iv], block[2 * k + iv..<2 * (k + iv)])
    }

    /// RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11].
    static func finished(_ suite: DTLSCipherSuite, masterSecret: [UInt8], client: Bool, transcriptHash: [UInt8]) -> [UInt8] {
        prf(suite, secret: masterSecret, label: client ? "client finished" : "server finished",
            seed: transcriptHash, count: 12)
    }

    /// RFC 5705 §4: PRF(master_secret, label, client_random ‖ server_random [‖ context_length ‖ context]).
    static func exportKeyingMaterial(
        _ suite: DTLSCipherSuite, masterSecret: [UInt8], clientRandom: [UInt8], serverRandom: [UInt8],
        label: String, context: [UInt8]?, count: Int
    ) -> [UInt8] {
        var seed = clientRandom + serverRandom
        if let context {
            seed.append(u16: UInt16(truncatingIfNeeded: context.count))
            seed += context
        }
        return prf(suite, secret: masterSecret, label: label, seed: seed, count: count)
    }
}

/// SRTP master keys and salts for one connection, split from the exporter output as RFC 5764 §4.2
/// lays them out: client key ‖ server key ‖ client salt ‖ server salt.
public struct SRTPKeyingMaterial: Sendable, Equatable {
    /// The label RFC 5764 §4.2 exports under.
    public static let exporterLabel = "EXTRACTOR-dtls_srtp"

    public let profile: SRTPProtectionProfile
    /// Master key and salt this endpoint protects its outgoing SRTP with.
    public let localMasterKey: [UInt8]
    public let localMasterSalt: [UInt8]
    /// Master key and salt the peer protects with (used to unprotect what arrives).
    public let remoteMasterKey: [UInt8]
    public let remoteMasterSalt: [UInt8]

    /// Splits `material` (exactly `profile.keyingMaterialLength` bytes) for the given role.
    public init?(profile: SRTPProtectionProfile, material: [UInt8], isClient: Bool) {
        let k = profile.masterKeyLength, s = profile.masterSaltLength
        guard material.count == 2 * (k + s) else { return nil }
        let clientKey = Array(material[0..<k]), serverKey = Array(material[k..<2 * k])
        let clientSalt = Array(material[2 * k..<2 * k + s]), serverSalt = Array(material[2 * k + s..<2 * (k + s)])
        self.profile = profile
        localMasterKey = isClient ? clientKey : serverKey
        localMasterSalt = isClient ? clientSalt : serverSalt
        remoteMasterKey = isClient ? serverKey : clientKey
        remoteMasterSalt = isClient ? serverSalt : clientSalt
    }
}
