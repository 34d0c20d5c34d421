import BrookCrypto

// AES-GCM (NIST SP 800-38D) and ChaCha20-Poly1305 (RFC 8439) open under fixed keys.
//
// Input layout: [algorithm] [AAD length] [nonce length] nonce ‖ AAD ‖ ciphertext ‖ 16-byte tag.
// algorithm % 3 picks AES-128-GCM, AES-256-GCM or ChaCha20-Poly1305; the nonce length is
// 1...16 for GCM (byte % 16 + 1) and always 12 for ChaCha20-Poly1305.

extension FuzzTarget {
    /// In-place and one-shot open on the same box; they must agree, and a refused box stays untouched.
    static let aeadOpen = FuzzTarget(
        name: "aead-open",
        summary: "AES-GCM and ChaCha20-Poly1305 open with fixed keys; in-place and one-shot agree, a failed open leaves the buffer unchanged, an opened box re-seals to itself"
    ) { input throws(FuzzFailure) in
        let bytes = Array(input)
        guard bytes.count >= 3 else { return .rejected }
        let algorithm = AEADFuzzFixture.Algorithm(rawValue: Int(bytes[0]) % 3)!
        let nonceCount = algorithm == .chaChaPoly ? 12 : Int(bytes[2]) % 16 + 1
        let aadCount = Int(bytes[1])
        var rest = bytes[3...]
        guard rest.count >= nonceCount + aadCount + 16 else { return .rejected }
        let nonce = Array(rest.prefix(nonceCount)); rest = rest.dropFirst(nonceCount)
        let aad = Array(rest.prefix(aadCount)); rest = rest.dropFirst(aadCount)
        let ciphertext = Array(rest.dropLast(16))
        let tag = Array(rest.suffix(16))

        var buffer = ciphertext
        let opened = try openInPlace(algorithm, &buffer, nonce: nonce, aad: aad, tag: tag)
        let oneShot = openOneShot(algorithm, ciphertext, nonce: nonce, aad: aad, tag: tag)
        guard opened else {
            try ensure(buffer == ciphertext, "a refused \(algorithm) open changed the buffer")
            try ensure(oneShot == nil, "one-shot \(algorithm) open accepted what in-place open refused")
            return .rejected
        }
        try ensure(oneShot == buffer, "one-shot and in-place \(algorithm) open disagree")
        // Sealing the plaintext again under the same nonce gives back the box.
        var resealed = buffer
        var resealedTag = [UInt8](repeating: 0, count: 16)
        try ensure(inPlace(algorithm, seal: true, &resealed, nonce: nonce, aad: aad, tag: &resealedTag) == nil, "\(algorithm) seal refused an opened box")
        try ensure(resealed == ciphertext && resealedTag == tag, "\(algorithm) seal does not reproduce the opened box")
        return .accepted
    }
}

/// The fixed keys the seed boxes were sealed with (`Fuzz/make_corpus.py`).
enum AEADFuzzFixture {
    enum Algorithm: Int, CustomStringConvertible {
        case aes128GCM, aes256GCM, chaChaPoly
        var description: String { ["AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305"][rawValue] }
    }
    /// Key bytes 0, 1, 2, … (16 or 32 of them).
    static let key128 = SymmetricKey(data: (0..<16).map { UInt8($0) })
    static let key256 = SymmetricKey(data: (0..<32).map { UInt8($0) })
    static let gcm128 = try! AES.GCM.PreparedKey(key: key128)
    static let gcm256 = try! AES.GCM.PreparedKey(key: key256)
    static let chaChaPoly = try! ChaChaPoly.PreparedKey(key: key256)
}

/// Whether the in-place open accepted; it throws `FuzzFailure` only for an unexpected error kind.
private func openInPlace(
    _ algorithm: AEADFuzzFixture.Algorithm, _ buffer: inout [UInt8], nonce: [UInt8], aad: [UInt8], tag: [UInt8]
) throws(FuzzFailure) -> Bool {
    var tag = tag
    guard let error = inPlace(algorithm, seal: false, &buffer, nonce: nonce, aad: aad, tag: &tag) else { return true }
    try ensure(error == .authenticationFailure, "\(algorithm) open threw \(error) for a well-sized box")
    return false
}

/// Seals or opens `buffer` in place with the prepared key; the error, or nil on success.
private func inPlace(
    _ algorithm: AEADFuzzFixture.Algorithm, seal: Bool, _ buffer: inout [UInt8], nonce: [UInt8], aad: [UInt8], tag: inout [UInt8]
) -> CryptoKitError? {
    buffer.withUnsafeMutableBytes { text in
        nonce.withUnsafeBytes { nonce in
            aad.withUnsafeBytes { aad in
                tag.withUnsafeMutableBytes { tag in
                    do throws(CryptoKitError) {
                        switch (algorithm, seal) {
                        case (.aes128GCM, true): try AEADFuzzFixture.gcm128.seal(inPlace: text, nonce: nonce, authenticating: aad, tag: tag)
                        case (.aes256GCM, true): try AEADFuzzFixture.gcm256.seal(inPlace: text, nonce: nonce, authenticating: aad, tag: tag)
                        case (.chaChaPoly, true): try AEADFuzzFixture.chaChaPoly.seal(inPlace: text, nonce: nonce, authenticating: aad, tag: tag)
                        case (.aes128GCM, false): try AEADFuzzFixture.gcm128.open(inPlace: text, nonce: nonce, authenticating: aad, tag: UnsafeRawBufferPointer(tag))
                        case (.aes256GCM, false): try AEADFuzzFixture.gcm256.open(inPlace: text, nonce: nonce, authenticating: aad, tag: UnsafeRawBufferPointer(tag))
                        case (.chaChaPoly, false): try AEADFuzzFixture.chaChaPoly.open(inPlace: text, nonce: nonce, authenticating: aad, tag: UnsafeRawBufferPointer(tag))
                        }
                        return nil
                    } catch {
                        return error
                    }
                }
            }
        }
    }
}

/// The one-shot API's plaintext, or nil when it refused the box.
private func openOneShot(
    _ algorithm: AEADFuzzFixture.Algorithm, _ ciphertext: [UInt8], nonce: [UInt8], aad: [UInt8], tag: [UInt8]
) -> [UInt8]? {
    switch algorithm {
    case .aes128GCM, .aes256GCM:
        let key = algorithm == .aes128GCM ? AEADFuzzFixture.key128 : AEADFuzzFixture.key256
        guard let nonce = try? AES.GCM.Nonce(data: nonce),
              let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag) else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: aad)
    case .chaChaPoly:
        guard let nonce = try? ChaChaPoly.Nonce(data: nonce),
              let box = try? ChaChaPoly.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag) else { return nil }
        return try? ChaChaPoly.open(box, using: AEADFuzzFixture.key256, authenticating: aad)
    }
}
