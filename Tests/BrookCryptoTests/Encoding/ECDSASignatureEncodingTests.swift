import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("ECDSA signature DER")
struct ECDSASignatureEncodingTests {
    static func randomScalar(_ rng: inout SeededGenerator) -> [UInt8] {
        var value = rng.bytes(32)
        // Exercise leading zero bytes and the top bit, which change the INTEGER's length.
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: value[0] = 0
        case 1: value[0] = 0; value[1] = 0; value[2] &= 0x7F
        case 2: value[0] |= 0x80
        default: break
        }
        return value
    }

    @Test func roundTripsAndMatchesPyca() throws {
        var rng = SeededGenerator(seed: 0xD5A_0001)
        var requests: [[String: String]] = []
        var ours: [[UInt8]] = []
        for _ in 0..<500 {
            let r = Self.randomScalar(&rng), s = Self.randomScalar(&rng)
            let der = ECDSASignatureEncoding.der(r: r, s: s)
            let parsed = try ECDSASignatureEncoding.parseDER(der)
            #expect(parsed.r == r && parsed.s == s)
            requests.append(["op": "encode", "r": r.hexString, "s": s.hexString])
            ours.append(der)
        }
        // Edge values: zero, one, all ones.
        for (r, s) in [([UInt8](repeating: 0, count: 32), [UInt8](repeating: 0, count: 31) + [1]),
                       ([UInt8](repeating: 0xFF, count: 32), [UInt8](repeating: 0x7F, count: 32))] {
            let der = ECDSASignatureEncoding.der(r: r, s: s)
            #expect(try ECDSASignatureEncoding.parseDER(der) == (r, s))
            requests.append(["op": "encode", "r": r.hexString, "s": s.hexString])
            ours.append(der)
        }
        #expect(ECDSASignatureEncoding.der(r: [UInt8](repeating: 0, count: 31) + [1], s: [UInt8](repeating: 0, count: 31) + [1]) == [0x30, 6, 2, 1, 1, 2, 1, 1])
        guard let answers = try VectorSupport.oracle("hash_dss_signature.py", requests) else { return }
        try #require(answers.count == requests.count)
        for (index, answer) in answers.enumerated() {
            #expect(answer["out"] == ours[index].hexString, "request \(requests[index])")
        }
    }

    /// Every entry is malformed and must be refused with `.invalidSignatureEncoding`.
    static let hostile: [(String, String)] = [
        ("empty", ""),
        ("tag only", "30"),
        ("truncated", "30060201010201"),
        ("length beyond data", "30070201010201 01"),
        ("trailing byte", "3006020101020101 00"),
        ("trailing signature", "3006020101020101 3006020101020101"),
        ("long-form length for short SEQUENCE", "308106020101020101"),
        ("long-form length for short INTEGER", "30070281010102 0101"),
        ("two-byte long form", "30820006020101020101"),
        ("indefinite length", "3080020101020101 0000"),
        ("leading zero", "300702020001020101"),
        ("leading zero on s", "300702010102020001"),
        ("negative r", "3006020181020101"),
        ("negative s", "30060201010201ff"),
        ("leading ff", "30070202ff80020101"),
        ("SET instead of SEQUENCE", "3106020101020101"),
        ("OCTET STRING for r", "3006040101020101"),
        ("BIT STRING for s", "3006020101030101"),
        ("primitive SEQUENCE", "1006020101020101"),
        ("constructed INTEGER", "30082203020101020101"),
        ("empty INTEGER", "30050200020101"),
        ("one INTEGER", "3003020101"),
        ("three INTEGERs", "3009020101020101020101"),
        ("empty SEQUENCE", "3000"),
        ("huge length", "3084ffffffff020101020101"),
        ("length of length 0x7f", "307f"),
        ("33-byte r without leading zero", "3026" + "0221" + "01" + String(repeating: "00", count: 32) + "020101"),
        ("34-byte r", "3027" + "0222" + "0080" + String(repeating: "00", count: 32) + "020101"),
        ("high tag number", "3f0006020101020101"),
        ("context tag", "a006020101020101"),
    ]

    @Test func hostileInputs() throws {
        for (name, hex) in Self.hostile {
            let bytes = [UInt8](hex: hex.replacingOccurrences(of: " ", with: ""))
            #expect(throws: CryptoKitError.invalidSignatureEncoding, "\(name)") { try ECDSASignatureEncoding.parseDER(bytes) }
        }
        // The largest accepted INTEGER: 33 bytes, a zero then a byte with the top bit set.
        let max = [UInt8](hex: "3046" + "0221" + "00" + String(repeating: "ff", count: 32) + "0221" + "0080" + String(repeating: "00", count: 31))
        #expect(try ECDSASignatureEncoding.parseDER(max) == ([UInt8](repeating: 0xFF, count: 32), [0x80] + [UInt8](repeating: 0, count: 31)))
        #expect(try ECDSASignatureEncoding.parseDER([0x30, 6, 2, 1, 0, 2, 1, 0]) == ([UInt8](repeating: 0, count: 32), [UInt8](repeating: 0, count: 32)))
    }

    /// Ten megabytes of garbage, and a header claiming ten megabytes, are refused quickly.
    @Test func largeGarbage() {
        var rng = SeededGenerator(seed: 0x10_000_000)
        var garbage = [UInt8](repeating: 0, count: 10 * 1024 * 1024)
        garbage.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
        #expect(throws: CryptoKitError.invalidSignatureEncoding) { try ECDSASignatureEncoding.parseDER(garbage) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parsePrivateKeyDER(garbage) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parseSPKI(garbage) }
        // As text: printable ASCII (invalid UTF-8 would only test the String initializer's repairs).
        let garbageText = String(decoding: garbage.map { 0x20 + $0 % 0x5F }, as: UTF8.self)
        #expect(throws: CryptoKitError.invalidPEM) { try P256KeyEncoding.parsePEM(garbageText) }
        // PEM text is bounded: a valid document padded past the limit is refused.
        let padded = String(repeating: "x", count: P256KeyEncoding.maximumPEMByteCount) + "\n"
            + P256KeyEncoding.pem(label: "PUBLIC KEY", der: [0x30, 0x00])
        #expect(throws: CryptoKitError.invalidPEM) { try P256KeyEncoding.parsePEM(padded) }
        garbage.replaceSubrange(0..<5, with: [0x30, 0x83, 0xA0, 0x00, 0x00])
        #expect(throws: CryptoKitError.invalidSignatureEncoding) { try ECDSASignatureEncoding.parseDER(garbage) }
        let nested = [UInt8](repeating: 0x30, count: 10 * 1024 * 1024)
        #expect(throws: CryptoKitError.invalidSignatureEncoding) { try ECDSASignatureEncoding.parseDER(nested) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parseSEC1(nested) }
    }
}
