// The input layout the protocol targets (DTLS, STUN/ICE) share: a script of datagrams and timer
// expiries run against one Sans-IO endpoint on a simulated clock.
//
//   [mode] then steps, each a 2-byte big-endian word W and, for a datagram, W bytes:
//   W < 0x8000           a datagram of W bytes (a short last one takes what is left);
//   0x8000 ≤ W < 0xFFFF  the clock moves on by W − 0x8000 milliseconds, then the timer fires;
//   W = 0xFFFF           the clock moves to the endpoint's next deadline, then the timer fires.
//
// The mode byte is the target's to interpret (which role, which configuration). Time starts at
// zero and only timer steps move it, so the seeds written from real traffic (Fuzz/README.md)
// replay exactly: the endpoint sees the same datagrams at the same instants.

/// One step of a fuzz script.
public enum FuzzStep: Sendable, Equatable {
    /// Deliver this datagram at the current instant.
    case datagram([UInt8])
    /// Move the clock on by this many milliseconds (0 to 32,766), then call `handleTimeout`.
    case wait(milliseconds: Int)
    /// Move the clock to the endpoint's next deadline (if it is later), then call `handleTimeout`.
    case waitForDeadline
}

/// A mode byte and the steps after it.
public struct FuzzScript: Sendable, Equatable {
    /// Steps beyond this many are ignored, so one input stays fast.
    static let maximumSteps = 256

    public var mode: UInt8
    public var steps: [FuzzStep]

    public init(mode: UInt8, steps: [FuzzStep]) {
        self.mode = mode
        self.steps = steps
    }

    /// Parses an input; nil when it is empty.
    init?(_ input: UnsafeRawBufferPointer) {
        guard let mode = input.first else { return nil }
        self.mode = mode
        steps = []
        var offset = 1
        while offset < input.count, steps.count < Self.maximumSteps {
            guard offset + 2 <= input.count else {
                steps.append(.datagram(Array(input[offset...])))
                break
            }
            let word = Int(input[offset]) << 8 | Int(input[offset + 1])
            offset += 2
            switch word {
            case 0xFFFF:
                steps.append(.waitForDeadline)
            case 0x8000...:
                steps.append(.wait(milliseconds: word - 0x8000))
            default:
                let end = min(offset + word, input.count)
                steps.append(.datagram(Array(input[offset..<end])))
                offset = end
            }
        }
    }

    /// Parses a seed file's bytes; nil when empty.
    public static func parse(_ bytes: [UInt8]) -> FuzzScript? {
        bytes.withUnsafeBytes { FuzzScript($0) }
    }

    /// The input bytes of this script (what a seed file holds).
    public var bytes: [UInt8] {
        var out = [mode]
        for step in steps {
            switch step {
            case .datagram(let datagram):
                precondition(datagram.count < 0x8000, "a fuzz datagram holds at most 32,767 bytes")
                out += [UInt8(datagram.count >> 8), UInt8(truncatingIfNeeded: datagram.count)] + datagram
            case .wait(let milliseconds):
                precondition((0..<0x7FFF).contains(milliseconds), "a wait is 0 to 32,766 ms")
                let word = 0x8000 + milliseconds
                out += [UInt8(word >> 8), UInt8(truncatingIfNeeded: word)]
            case .waitForDeadline:
                out += [0xFF, 0xFF]
            }
        }
        return out
    }
}

/// SplitMix64: the seeded randomness every endpoint of a fuzz target draws from, so one input
/// always takes the same path (libFuzzer needs that) and seeds recorded from real traffic replay.
/// Never for real keys.
struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
