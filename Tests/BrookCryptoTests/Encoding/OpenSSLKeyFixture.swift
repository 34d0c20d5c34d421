import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// A P-256 key made by the OpenSSL CLI, in every encoding the tests need, with the scalar and
/// point that `openssl ec -text -noout` prints for it.
struct OpenSSLKeyFixture {
    var sec1DER: [UInt8]
    var pkcs8DER: [UInt8]
    var spkiDER: [UInt8]
    var compressedSPKIDER: [UInt8]
    var sec1PEM: String       // as `openssl ecparam -genkey` writes it: EC PARAMETERS, then EC PRIVATE KEY
    var pkcs8PEM: String
    var spkiPEM: String
    var scalar: [UInt8]       // 32 bytes
    var point: [UInt8]        // 65 bytes, 04 || x || y
    var compressedPoint: [UInt8]

    /// Nil (with a CI failure) when the openssl CLI is missing.
    static func generate(sourceLocation: SourceLocation = #_sourceLocation) throws -> OpenSSLKeyFixture? {
        guard TestEnvironment.require(ExternalProcess.which("openssl"), "the openssl CLI", sourceLocation: sourceLocation) != nil else {
            return nil
        }
        let sec1PEM = try openssl(["ecparam", "-name", "prime256v1", "-genkey"]).stdoutText
        let sec1DER = try openssl(["ec", "-outform", "DER"], input: Array(sec1PEM.utf8)).stdout
        let pkcs8DER = try openssl(["pkcs8", "-topk8", "-nocrypt", "-inform", "DER", "-outform", "DER"], input: sec1DER).stdout
        let pkcs8PEM = try openssl(["pkey", "-inform", "DER"], input: sec1DER).stdoutText
        let spkiDER = try openssl(["ec", "-inform", "DER", "-pubout", "-outform", "DER"], input: sec1DER).stdout
        let spkiPEM = try openssl(["ec", "-inform", "DER", "-pubout"], input: sec1DER).stdoutText
        let compressedSPKIDER = try openssl(
            ["ec", "-inform", "DER", "-pubout", "-outform", "DER", "-conv_form", "compressed"], input: sec1DER).stdout
        let text = try openssl(["ec", "-inform", "DER", "-text", "-noout"], input: sec1DER).stdoutText
        let scalar = try #require(printedHex(text, after: "priv:"), sourceLocation: sourceLocation)
        let point = try #require(printedHex(text, after: "pub:"), sourceLocation: sourceLocation)
        let compressedText = try openssl(["ec", "-inform", "DER", "-text", "-noout", "-conv_form", "compressed"], input: sec1DER).stdoutText
        let compressedPoint = try #require(printedHex(compressedText, after: "pub:"), sourceLocation: sourceLocation)
        let scalar32 = [UInt8](repeating: 0, count: max(0, 32 - scalar.drop { $0 == 0 }.count)) + scalar.drop { $0 == 0 }
        return OpenSSLKeyFixture(
            sec1DER: sec1DER, pkcs8DER: pkcs8DER, spkiDER: spkiDER, compressedSPKIDER: compressedSPKIDER,
            sec1PEM: sec1PEM, pkcs8PEM: pkcs8PEM, spkiPEM: spkiPEM,
            scalar: scalar32, point: point, compressedPoint: compressedPoint)
    }

    /// Runs the openssl CLI (stderr is discarded: `openssl ec` chatters "read EC key" there).
    @discardableResult
    static func openssl(_ arguments: [String], input: [UInt8] = []) throws -> ExternalProcess.Result {
        try ExternalProcess.run("openssl", arguments, input: input)
    }

    /// The colon-separated hex block that follows `label` in `openssl ec -text` output.
    static func printedHex(_ text: String, after label: String) -> [UInt8]? {
        let lines = text.split(separator: "\n")
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == label }) else { return nil }
        var hex = ""
        for line in lines[(start + 1)...] {
            guard line.hasPrefix(" ") else { break }
            hex += line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "")
        }
        return Hex.decode(hex)
    }
}
