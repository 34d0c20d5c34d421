/// Checks one AEAD case. With `sealing` (a valid or acceptable case), sealing `message` must give
/// `ciphertext`‖`tag` and opening them must give `message` back. Without it (an invalid case), only
/// opening is tried, and its succeeding at all is reported as `.accepted`.
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
