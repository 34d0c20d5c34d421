// AES, AES-GCM, ChaCha20-Poly1305, HMAC (SHA-1, SHA-256, SHA-384) and the TLS 1.2 PRF with secret
// keys and plaintexts.
// Nonces, AAD, ciphertexts and tags are public (they travel in the clear); lengths are public.
import BrookCrypto

/// Message lengths: shorter than a block, a few blocks with a partial tail, a WebRTC-sized packet.
let messageLengths = [5, 67, 1200]

let symmetricOperations: [Operation] = [
    Operation("aes-128-block") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(16)))
        var block = secret(inputs.bytes(16))
        try AES.permute(&block, key: key)
        keep(block)
    },
    Operation("aes-256-block") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(32)))
        var block = secret(inputs.bytes(16))
        try AES.permute(&block, key: key)
        keep(block)
    },
    Operation("aes-128-ctr") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(16)))
        for length in messageLengths {
            let counter = inputs.bytes(16)   // public, like SRTP's IV
            keep(try AES.CTR.encrypt(secret(inputs.bytes(length)), using: key, initialCounter: counter))
        }
    },
    Operation("aes-128-gcm-seal-open") { inputs in
        try aesGCMRoundTrips(keyBytes: 16, &inputs)
    },
    Operation("aes-256-gcm-seal-open") { inputs in
        try aesGCMRoundTrips(keyBytes: 32, &inputs)
    },
    Operation("aes-gcm-open-forged-tag") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(16)))
        let box = try AES.GCM.SealedBox(
            nonce: AES.GCM.Nonce(data: inputs.bytes(12)), ciphertext: inputs.bytes(67), tag: inputs.bytes(16))
        do {
            keep(try AES.GCM.open(box, using: key))
            throw CheckFailure("AES-GCM accepted a forged tag")
        } catch CryptoKitError.authenticationFailure {}
    },
    Operation("chacha20-poly1305-seal-open") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(32)))
        for length in messageLengths + [700] {
            let nonce = try ChaChaPoly.Nonce(data: inputs.bytes(12))
            let aad = inputs.bytes(13)
            let box = try ChaChaPoly.seal(secret(inputs.bytes(length)), using: key, nonce: nonce, authenticating: aad)
            // The sealed box (ciphertext and tag) is what goes on the wire: public.
            var combined = box.combined
            markPublic(&combined)
            keep(try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: combined), using: key, authenticating: aad))
        }
    },
    Operation("chacha20-poly1305-open-forged-tag") { inputs in
        let key = SymmetricKey(data: secret(inputs.bytes(32)))
        let box = try ChaChaPoly.SealedBox(combined: inputs.bytes(12 + 67 + 16))
        do {
            keep(try ChaChaPoly.open(box, using: key))
            throw CheckFailure("ChaCha20-Poly1305 accepted a forged tag")
        } catch CryptoKitError.authenticationFailure {}
    },
    Operation("hmac-sha1-sha384") { inputs in
        // HMAC-SHA1 authenticates SRTP; SHA-384 is the PRF hash of the *_SHA384 DTLS suites.
        let key = SymmetricKey(data: secret(inputs.bytes(20)))
        let message = secret(inputs.bytes(1200))
        keep(Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key)))
        keep(Array(HMAC<SHA384>.authenticationCode(for: message, using: key)))
    },
    Operation("tls12-prf") { inputs in
        // DTLS 1.2 key derivation: the secret is the premaster or master secret; label and seed
        // (client and server randoms) are public.
        let premaster = secret(inputs.bytes(32))
        let seed = inputs.bytes(64)
        let master = TLS12PRF<SHA256>.derive(secret: premaster, label: "master secret", seed: seed, byteCount: 48)
        keep(TLS12PRF<SHA256>.derive(secret: master, label: "key expansion", seed: seed, byteCount: 88))
        keep(TLS12PRF<SHA384>.derive(secret: master, label: "client finished", seed: seed, byteCount: 12))
    },
    Operation("hmac-sha256") { inputs in
        for keyLength in [32, 100] {   // shorter and longer than the 64-byte block
            let key = SymmetricKey(data: secret(inputs.bytes(keyLength)))
            let message = secret(inputs.bytes(1200))
            var code = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            // A MAC is sent in the clear: public.
            markPublic(&code)
            guard HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: key) else {
                throw CheckFailure("HMAC-SHA256 did not verify its own code")
            }
            code[0] ^= 1
            guard !HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: key) else {
                throw CheckFailure("HMAC-SHA256 accepted a wrong code")
            }
        }
    },
]

/// Seal then open at every length, one-shot and in place with a prepared key.
private func aesGCMRoundTrips(keyBytes: Int, _ inputs: inout InputGenerator) throws {
    let key = SymmetricKey(data: secret(inputs.bytes(keyBytes)))
    let prepared = try AES.GCM.PreparedKey(key: key)
    for length in messageLengths {
        let nonce = try AES.GCM.Nonce(data: inputs.bytes(12))
        let aad = inputs.bytes(13)
        let box = try AES.GCM.seal(secret(inputs.bytes(length)), using: key, nonce: nonce, authenticating: aad)
        // The ciphertext and the tag are what goes on the wire: public.
        var ciphertext = box.ciphertext, tag = box.tag
        markPublic(&ciphertext)
        markPublic(&tag)
        let received = try AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
        keep(try AES.GCM.open(received, using: key, authenticating: aad))

        var buffer = secret(inputs.bytes(length))
        var preparedTag = [UInt8](repeating: 0, count: 16)
        let nonceBytes = inputs.bytes(12)
        try buffer.withUnsafeMutableBytes { text in
            try nonceBytes.withUnsafeBytes { n in
                try aad.withUnsafeBytes { a in
                    try preparedTag.withUnsafeMutableBytes { t in
                        try prepared.seal(inPlace: text, nonce: n, authenticating: a, tag: t)
                    }
                }
            }
        }
        markPublic(&buffer)
        markPublic(&preparedTag)
        try buffer.withUnsafeMutableBytes { text in
            try nonceBytes.withUnsafeBytes { n in
                try aad.withUnsafeBytes { a in
                    try preparedTag.withUnsafeBytes { t in
                        try prepared.open(inPlace: text, nonce: n, authenticating: a, tag: t)
                    }
                }
            }
        }
        keep(buffer)
    }
}
