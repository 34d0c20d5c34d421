extension WycheproofRunner.GroupKind {
    /// `EcdhEcpointTest` (ecdh_ecpoint_test_schema): the peer key is a raw X9.62 point.
    static let ecdhPoint = ecdh(type: "EcdhEcpointTest", spki: false)
    /// `EcdhTest` (ecdh_test_schema): the peer key is a DER SubjectPublicKeyInfo.
    static let ecdhASN = ecdh(type: "EcdhTest", spki: true)

    /// valid: ECDH(private, public) == shared. invalid: the public key must be refused.
    /// acceptable (compressed points, unusual encodings): refused, or the right shared secret.
    private static func ecdh(type: String, spki: Bool) -> Self {
        Self(type: type) { group, _, backend in
            let curve = group.string("curve") ?? "unnamed curve"
            guard p256Names.contains(curve) else { return .skip("ECDH on \(curve) is not implemented (P-256 only)") }
            guard let sharedSecret = backend.p256SharedSecret else { return .skip(notBuilt("P-256 ECDH")) }
            return .check { test throws(MalformedTest) in
                let publicKey = try test.bytes("public"), shared = try test.bytes("shared")
                guard let privateKey = fixedWidth(try test.bytes("private"), count: 32) else {
                    return .rejected("private key longer than 32 bytes")
                }
                let encoding: CryptoBackend.PublicKeyEncoding =
                    spki ? .spki : (publicKey.first == 0x02 || publicKey.first == 0x03) ? .compressed : .x963
                do {
                    let got = try sharedSecret(privateKey, publicKey, encoding)
                    return compare("shared secret", got: got, expected: shared)
                } catch {
                    return .rejected(describe(error))
                }
            }
        }
    }
}

/// The names Wycheproof uses for P-256.
let p256Names: Set<String> = ["secp256r1", "P-256", "prime256v1"]
