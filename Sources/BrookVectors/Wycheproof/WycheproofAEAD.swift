extension WycheproofRunner.GroupKind {
    /// `AeadTest` (aead_test_schema): AES-GCM and ChaCha20-Poly1305; other AEADs are skipped.
    /// valid: seal(msg) gives ct‖tag and open(ct‖tag) gives msg. invalid: open must fail (modified
    /// tag, refused nonce size...).
    static let aead = Self(type: "AeadTest") { group, file, backend in
        let algorithm = group.string("algorithm") ?? file.algorithm
        guard let aead = backend.aeads[algorithm] else {
            let known = ["AES-GCM", "CHACHA20-POLY1305"].contains(algorithm)
            return .skip(known ? notBuilt(algorithm) : "\(algorithm) is not implemented")
        }
        let tagBits = group.int("tagSize")
        return .check { test throws(MalformedTest) in
            let key = try test.bytes("key"), iv = try test.bytes("iv"), aad = try test.bytes("aad")
            let msg = try test.bytes("msg"), ct = try test.bytes("ct"), tag = try test.bytes("tag")
            // The group fixes the tag length, as an application does: a tag of another length (a
            // truncation) is refused before it could be verified as a shorter tag.
            if let tagBits, tag.count * 8 != tagBits {
                return .rejected("tag is \(tag.count * 8) bits, the group's tagSize is \(tagBits)")
            }
            return checkAEAD(aead, key: key, nonce: iv, aad: aad, message: msg, ciphertext: ct, tag: tag,
                             sealing: try test.expectation() != .invalid)
        }
    }
}
