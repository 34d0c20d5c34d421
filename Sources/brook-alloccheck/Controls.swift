// Positive controls: operations that do allocate, each of which must be counted. If the
// interposed malloc were not the one the Swift runtime calls, these would read 0 and the check
// would prove nothing.
import BrookCrypto

var controlProbes: [Probe] {
    [
        // One array per call, through swift_allocObject → malloc.
        Probe("control-array-per-call") { _ in
            ProbeBody { i in keep([UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 64 + i % 7)) }
        },
        // The one-shot AES-GCM API returns a SealedBox of arrays: it allocates by design.
        Probe("control-one-shot-aes-gcm-seal") { _ in
            let key = SymmetricKey(data: [UInt8](repeating: 1, count: 16))
            let message = [UInt8](repeating: 2, count: 100)
            let nonce = try AES.GCM.Nonce(data: [UInt8](repeating: 3, count: 12))
            return ProbeBody { _ in keep(try AES.GCM.seal(message, using: key, nonce: nonce)) }
        },
    ]
}
