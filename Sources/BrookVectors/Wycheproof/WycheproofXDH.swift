extension WycheproofRunner.GroupKind {
    /// `XdhComp` (xdh_comp_schema): X25519 with raw 32-byte keys; X448 groups are skipped.
    /// valid: X25519(private, public) == shared. acceptable (low-order, twist, non-canonical points):
    /// the shared value, or a refusal such as `.zeroSharedSecret`.
    static let xdh = Self(type: "XdhComp") { group, _, backend in
        let curve = group.string("curve") ?? "unnamed curve"
        guard curve == "curve25519" else { return .skip("XDH on \(curve) is not implemented (X25519 only)") }
        guard let sharedSecret = backend.x25519SharedSecret else { return .skip(notBuilt("X25519")) }
        return .check { test throws(MalformedTest) in
            let privateKey = try test.bytes("private"), publicKey = try test.bytes("public")
            let shared = try test.bytes("shared")
            do {
                return compare("shared secret", got: try sharedSecret(privateKey, publicKey), expected: shared)
            } catch {
                return .rejected(describe(error))
            }
        }
    }
}
