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

/// Checks one AEAD case. When `sealing`, sealing `message` must give `ciphertext`‖`tag`; in every case
/// opening `ciphertext`‖`tag` is tried and must give `message` if it succeeds.
func checkAEAD(
    _ aead: CryptoBackend.AEAD, key: [UInt8], nonce: [UInt8], aad: [UInt8], message: [UInt8],
    ciphertext: [UInt8], tag: [UInt8], sealing: Bool
) -> Observation {
    if sealing {
        let sealed: (ciphertext: [UInt8], tag: [UInt8])
        do {
            sealed = try aead.seal(key, nonce, aad, message, tag.count)
        } catch {
            return .rejected("seal: \(describe(error))")
        }
        let seal = compare("seal gave ct‖tag", got: sealed.ciphertext + sealed.tag, expected: ciphertext + tag)
        guard seal == .accepted else { return seal }
    }
    let opened: [UInt8]
    do {
        opened = try aead.open(key, nonce, aad, ciphertext, tag)
    } catch {
        return .rejected("open: \(describe(error))")
    }
    // An invalid case is failed by the open succeeding at all; its output is beside the point.
    return sealing ? compare("open gave", got: opened, expected: message) : .accepted
}
