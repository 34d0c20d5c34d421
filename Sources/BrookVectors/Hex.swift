/// Hex encoding and decoding for vector files and command-line output.
public enum Hex {
    /// Decodes a hex string (upper or lower case, even length). Returns nil on any other input.
    public static func decode<S: StringProtocol>(_ text: S) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// Lower-case hex of `bytes`.
    public static func encode<C: Sequence<UInt8>>(_ bytes: C) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension Array where Element == UInt8 {
    /// Bytes from a hex string; traps on malformed input (for literals in tests and fixed data).
    public init(hex: String) {
        guard let bytes = Hex.decode(hex) else { preconditionFailure("malformed hex literal: \(hex)") }
        self = bytes
    }

    /// Lower-case hex.
    public var hexString: String { Hex.encode(self) }
}
