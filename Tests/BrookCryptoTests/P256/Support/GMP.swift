import CGMP
import Foundation

/// A thin owner of a GMP integer, used only as an independent big-number oracle in the P-256 tests.
/// (GMP's `mpz_*` names are C macros, so the real `__gmpz_*` symbols are called.)
/// Every operation returns a new value and none mutates an existing one, so sharing is safe.
final class GMPInteger: CustomStringConvertible, @unchecked Sendable {
    let value: UnsafeMutablePointer<__mpz_struct>

    init() {
        value = .allocate(capacity: 1)
        __gmpz_init(value)
    }

    convenience init(hex: String) {
        self.init()
        let status = __gmpz_set_str(value, hex.isEmpty ? "0" : hex, 16)
        precondition(status == 0, "not hex: \(hex)")
    }

    convenience init(bytes: [UInt8]) { self.init(hex: bytes.isEmpty ? "0" : bytes.map { String(format: "%02x", $0) }.joined()) }

    convenience init(_ small: Int) {
        self.init()
        __gmpz_set_si(value, small)
    }

    deinit {
        __gmpz_clear(value)
        value.deallocate()
    }

    /// Lower-case hex without leading zeros ("0" for zero).
    var hex: String {
        let c = __gmpz_get_str(nil, 16, value)!
        defer { free(c) }
        return String(cString: c)
    }

    var description: String { hex }

    /// Big-endian bytes, left-padded to `count` (the value must fit).
    func bytes(count: Int = 32) -> [UInt8] {
        var h = hex
        precondition(h.count <= 2 * count, "value too large for \(count) bytes")
        h = String(repeating: "0", count: 2 * count - h.count) + h
        var out: [UInt8] = []
        var index = h.startIndex
        while index < h.endIndex {
            let next = h.index(index, offsetBy: 2)
            out.append(UInt8(h[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    private static func result(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> GMPInteger {
        let r = GMPInteger()
        body(r.value)
        return r
    }

    static func + (a: GMPInteger, b: GMPInteger) -> GMPInteger { result { __gmpz_add($0, a.value, b.value) } }
    static func - (a: GMPInteger, b: GMPInteger) -> GMPInteger { result { __gmpz_sub($0, a.value, b.value) } }
    static func * (a: GMPInteger, b: GMPInteger) -> GMPInteger { result { __gmpz_mul($0, a.value, b.value) } }
    /// The non-negative residue.
    static func % (a: GMPInteger, m: GMPInteger) -> GMPInteger { result { __gmpz_mod($0, a.value, m.value) } }
    static func == (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.value, b.value) == 0 }
    static func < (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.value, b.value) < 0 }

    func power(_ e: GMPInteger, modulo m: GMPInteger) -> GMPInteger { Self.result { __gmpz_powm($0, value, e.value, m.value) } }

    func inverse(modulo m: GMPInteger) -> GMPInteger? {
        let r = GMPInteger()
        return __gmpz_invert(r.value, value, m.value) != 0 ? r : nil
    }

    /// The Jacobi symbol (self / m).
    func jacobi(_ m: GMPInteger) -> Int { Int(__gmpz_jacobi(value, m.value)) }

    func bit(_ i: Int) -> Bool { __gmpz_tstbit(value, mp_bitcnt_t(i)) != 0 }

    var isZero: Bool { __gmpz_sgn_value == 0 }
    private var __gmpz_sgn_value: Int32 { value.pointee._mp_size }
}

/// P-256 domain parameters and a deliberately plain affine double-and-add over GMP, as an oracle.
enum GMPCurve {
    static let p = GMPInteger(hex: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
    static let n = GMPInteger(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    static let b = GMPInteger(hex: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b")
    static let gx = GMPInteger(hex: "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
    static let gy = GMPInteger(hex: "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")

    /// nil is the point at infinity.
    typealias Point = (x: GMPInteger, y: GMPInteger)?

    static func add(_ a: Point, _ b: Point) -> Point {
        guard let a else { return b }
        guard let b else { return a }
        let lambda: GMPInteger
        if a.x == b.x {
            if ((a.y + b.y) % p).isZero { return nil }
            // λ = (3x² − 3) / 2y
            let numerator = (GMPInteger(3) * a.x * a.x - GMPInteger(3)) % p
            lambda = (numerator * (GMPInteger(2) * a.y).inverse(modulo: p)!) % p
        } else {
            lambda = (((b.y - a.y) % p) * ((b.x - a.x) % p).inverse(modulo: p)!) % p
        }
        let x = (lambda * lambda - a.x - b.x) % p
        let y = (lambda * (a.x - x) - a.y) % p
        return (x, y)
    }

    /// k·P by left-to-right double-and-add (variable time; an oracle only).
    static func multiply(_ k: GMPInteger, _ point: Point) -> Point {
        var result: Point = nil
        for i in stride(from: 259, through: 0, by: -1) {
            result = add(result, result)
            if k.bit(i) { result = add(result, point) }
        }
        return result
    }
}
