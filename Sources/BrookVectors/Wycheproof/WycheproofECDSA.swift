extension WycheproofRunner.GroupKind {
    /// `EcdsaVerify` (ecdsa_verify_schema): DER signatures.
    static let ecdsaDER = ecdsa(type: "EcdsaVerify", encoding: .der)
    /// `EcdsaP1363Verify` (ecdsa_p1363_verify_schema): r‖s signatures.
    static let ecdsaP1363 = ecdsa(type: "EcdsaP1363Verify", encoding: .raw)

    /// valid: the signature verifies. invalid: it is refused (bad encoding) or does not verify.
    /// Only P-256 with SHA-256; groups of other curves or hashes are skipped.
    private static func ecdsa(type: String, encoding: CryptoBackend.SignatureEncoding) -> Self {
        Self(type: type) { group, _, backend throws(MalformedTest) in
            // testvectors_v1 names the key object `publicKey`; older files call it `key`.
            let keyObject = group.fields["publicKey"] != nil ? "publicKey" : "key"
            let curve = group.string(keyObject, "curve") ?? "unnamed curve"
            let hash = group.string("sha") ?? "no hash"
            guard p256Names.contains(curve), hash == "SHA-256" else {
                return .skip("ECDSA on \(curve) with \(hash) is not implemented (P-256 with SHA-256 only)")
            }
            guard let verify = backend.p256Verify else { return .skip(notBuilt("P-256 ECDSA")) }
            guard let hex = group.string(keyObject, "uncompressed"), let publicKey = Hex.decode(hex) else {
                throw MalformedTest(description: "no \(keyObject).uncompressed point")
            }
            return .check { test throws(MalformedTest) in
                let message = try test.bytes("msg"), signature = try test.bytes("sig")
                do {
                    let valid = try verify(publicKey, .x963, signature, encoding, message)
                    return valid ? .accepted : .rejected("signature does not verify")
                } catch {
                    return .rejected(describe(error))
                }
            }
        }
    }
}
