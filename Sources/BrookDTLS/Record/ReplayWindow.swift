/// The anti-replay sliding window of RFC 6347 §4.1.2.6 for one epoch: a 64-record bitmap anchored
/// at the highest authenticated sequence number. `check` before decrypting, `accept` only after
/// the record authenticated, so forged records never move the window.
struct ReplayWindow {
    static let size: UInt64 = 64
    private(set) var highest: UInt64 = 0
    private var bitmap: UInt64 = 0
    private var hasReceived = false

    /// Whether `sequence` is new: above the window's top, or inside it and not yet seen.
    func check(_ sequence: UInt64) -> Bool {
        guard hasReceived else { return true }
        if sequence > highest { return true }
        let offset = highest - sequence
        guard offset < Self.size else { return false }
        return bitmap & (1 << offset) == 0
    }

    /// Marks `sequence` as received, sliding the window forward when it is the newest.
    mutating func accept(_ sequence: UInt64) {
        guard hasReceived else {
            hasReceived = true
            highest = sequence
            bitmap = 1
            return
        }
        if sequence > highest {
            let shift = sequence - highest
            bitmap = shift >= Self.size ? 1 : (bitmap << shift) | 1
            highest = sequence
        } else {
            let offset = highest - sequence
            if offset < Self.size { bitmap |= 1 << offset }
        }
    }
}
