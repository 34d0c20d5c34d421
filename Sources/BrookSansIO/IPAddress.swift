/// An IPv4 or IPv6 address as a value: parsed from and formatted to text without Foundation.
///
/// IPv4 text is dotted decimal (`192.0.2.1`, no leading zeros, RFC 6943 §3.1.1); IPv6 text follows
/// RFC 4291 §2.2 on input (with `::` and an embedded dotted IPv4 tail) and RFC 5952 §4 on output.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, most significant byte first in the high bits.
    case v4(UInt32)
    /// An IPv6 address as two big-endian halves.
    case v6(high: UInt64, low: UInt64)

    /// The address family.
    public enum Family: Hashable, Sendable {
        case ipv4, ipv6
    }

    /// The family of this address.
    public var family: Family {
        if case .v4 = self { return .ipv4 }
        return .ipv6
    }

    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        switch self {
        case .v4(let value):
            return (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let high, let low):
            return (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
                + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        }
    }

    /// The address held in `bytes` (4 bytes: IPv4, 16 bytes: IPv6), or nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        var accumulator: UInt64 = 0
        switch bytes.count {
        case 4:
            for byte in bytes { accumulator = accumulator << 8 | UInt64(byte) }
            self = .v4(UInt32(truncatingIfNeeded: accumulator))
        case 16:
            var high: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                accumulator = accumulator << 8 | UInt64(byte)
                if index == 7 { high = accumulator; accumulator = 0 }
            }
            self = .v6(high: high, low: accumulator)
        default:
            return nil
        }
    }

    /// The loopback address of each family.
    public static let loopbackV4 = IPAddress.v4(0x7F00_0001)
    /// `::1`.
    public static let loopbackV6 = IPAddress.v6(high: 0, low: 1)

    /// True for 127.0.0.0/8 and `::1`.
    public var isLoopback: Bool {
        switch self {
        case .v4(let value): return value >> 24 == 127
        case .v6(let high, let low): return high == 0 && low == 1
        }
    }

    /// Parses dotted-decimal IPv4 or RFC 4291 IPv6 text (no brackets, no zone). Nil when malformed.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        if utf8.contains(UInt8(ascii: ":")) {
            guard let groups = IPAddress.parseIPv6(utf8) else { return nil }
            var high: UInt64 = 0, low: UInt64 = 0
            for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
            for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
            self = .v6(high: high, low: low)
        } else {
            guard let value = IPAddress.parseIPv4(utf8[...]) else { return nil }
            self = .v4(value)
        }
    }

    public var description: String {
        switch self {
        case .v4:
            return bytes.map { String($0) }.joined(separator: ".")
        case .v6(let high, let low):
            let groups = (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * $0)) }
                + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * $0)) }
            return IPAddress.formatIPv6(groups)
        }
    }

    // MARK: - Text

    private static func parseIPv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return nil }
            let number = part.reduce(0) { $0 * 10 + UInt32($1 - 0x30) }
            guard number <= 255 else { return nil }
            value = value << 8 | number
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt16? {
        switch byte {
        case 0x30...0x39: return UInt16(byte - 0x30)
        case 0x61...0x66: return UInt16(byte - 0x61 + 10)
        case 0x41...0x46: return UInt16(byte - 0x41 + 10)
        default: return nil
        }
    }

    /// Eight 16-bit groups, or nil.
    private static func parseIPv6(_ text: [UInt8]) -> [UInt16]? {
        guard text.count <= 45 else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        let colon = UInt8(ascii: ":")
        // Split on "::" at most once.
        var pieces: [ArraySlice<UInt8>] = []
        var index = 0, start = 0
        while index < text.count {
            if index + 1 < text.count && text[index] == colon && text[index + 1] == colon {
                guard !sawGap else { return nil }
                sawGap = true
                pieces.append(text[start..<index])
                index += 2
                start = index
                continue
            }
            index += 1
        }
        pieces.append(text[start..<text.count])
        func groups(_ piece: ArraySlice<UInt8>, allowIPv4Tail: Bool) -> [UInt16]? {
            if piece.isEmpty { return [] }
            var result: [UInt16] = []
            let fields = piece.split(separator: colon, omittingEmptySubsequences: false)
            for (position, field) in fields.enumerated() {
                if allowIPv4Tail && position == fields.count - 1 && field.contains(UInt8(ascii: ".")) {
                    guard let v4 = parseIPv4(field) else { return nil }
                    result.append(UInt16(truncatingIfNeeded: v4 >> 16))
                    result.append(UInt16(truncatingIfNeeded: v4))
                    continue
                }
                guard (1...4).contains(field.count) else { return nil }
                var value: UInt16 = 0
                for byte in field {
                    guard let digit = hexValue(byte) else { return nil }
                    value = value << 4 | digit
                }
                result.append(value)
            }
            return result
        }
        if sawGap {
            guard let first = groups(pieces[0], allowIPv4Tail: false),
                  let second = groups(pieces[1], allowIPv4Tail: true) else { return nil }
            head = first; tail = second
            guard head.count + tail.count <= 7 else { return nil }
            return head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard let all = groups(pieces[0], allowIPv4Tail: true), all.count == 8 else { return nil }
        return all
    }

    /// RFC 5952 §4: lowercase hex, no leading zeros, the longest run (two or more) of zero groups as `::`.
    private static func formatIPv6(_ groups: [UInt16]) -> String {
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength && length >= 2 { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        func hex(_ group: UInt16) -> String { String(group, radix: 16) }
        if bestStart < 0 { return groups.map(hex).joined(separator: ":") }
        let head = groups[0..<bestStart].map(hex).joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].map(hex).joined(separator: ":")
        return head + "::" + tail
    }
}
