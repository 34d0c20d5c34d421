import BrookCrypto

/// A certificate fingerprint as carried in SDP `a=fingerprint:` (RFC 8122 §5, RFC 4572 §5): a
/// hash of the certificate's DER encoding, written `sha-256 AB:CD:…:EF`. WebRTC authenticates the
/// DTLS peer by checking its certificate against this value (RFC 8827 §6.5).
public struct CertificateFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The hash functions accepted: SHA-256 is what endpoints generate; SHA-1, SHA-384 and
    /// SHA-512 appear in offers from browsers and SFUs. Raw values are the SDP names.
    public enum Algorithm: String, CaseIterable, Hashable, Sendable {
        case sha1 = "sha-1"
        case sha256 = "sha-256"
        case sha384 = "sha-384"
        case sha512 = "sha-512"

        /// The digest length in bytes.
        public var byteCount: Int {
            switch self {
            case .sha1: return 20
            case .sha256: return 32
            case .sha384: return 48
            case .sha512: return 64
            }
        }

        func digest(_ data: [UInt8]) -> [UInt8] {
            switch self {
            case .sha1: return Array(Insecure.SHA1.hash(data: data))
            case .sha256: return SHA256.hash(data: data).withUnsafeBytes { Array($0) }
            case .sha384: return SHA384.hash(data: data).withUnsafeBytes { Array($0) }
            case .sha512: return SHA512.hash(data: data).withUnsafeBytes { Array($0) }
            }
        }
    }

    /// The hash function.
    public let algorithm: Algorithm
    /// The digest of the certificate's DER encoding, `algorithm.byteCount` bytes.
    public let bytes: [UInt8]

    /// The fingerprint of `certificate` (its exact DER bytes) under `algorithm`.
    public init(certificate: Certificate, algorithm: Algorithm = .sha256) {
        self.init(derEncoded: certificate.derEncoded, algorithm: algorithm)
    }

    /// The fingerprint of a certificate's DER bytes as they came, unparsed (RFC 8122 §5 hashes the
    /// encoding, so a peer's certificate can be judged before any parser sees it).
    public init(derEncoded: [UInt8], algorithm: Algorithm = .sha256) {
        self.algorithm = algorithm
        bytes = algorithm.digest(derEncoded)
    }

    /// A fingerprint from its digest bytes; `.invalidFingerprint` unless the length is the
    /// algorithm's digest length.
    public init(algorithm: Algorithm, bytes: some Collection<UInt8>) throws(X509Error) {
        guard bytes.count == algorithm.byteCount else { throw .invalidFingerprint }
        self.algorithm = algorithm
        self.bytes = Array(bytes)
    }

    /// Parses the value of an SDP fingerprint attribute, `hash-func SP fingerprint`
    /// (RFC 8122 §5): a hash name (case-insensitive), one space, then exactly the digest's length
    /// in two-digit hex bytes (either case) separated by single colons. Anything else — unknown
    /// hash, wrong length, bad hex, missing or doubled colons, extra whitespace — is
    /// `.invalidFingerprint`.
    public init(sdpValue: String) throws(X509Error) {
        let text = Array(sdpValue.utf8)
        guard let space = text.firstIndex(of: UInt8(ascii: " ")),
              let algorithm = Algorithm(rawValue: String(decoding: text[..<space].map(asciiLowercased), as: UTF8.self))
        else { throw .invalidFingerprint }
        let hex = text[(space + 1)...]
        let count = algorithm.byteCount
        guard hex.count == 3 * count - 1 else { throw .invalidFingerprint }
        var digest = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            let offset = hex.startIndex + 3 * index
            guard let high = hexValue(hex[offset]), let low = hexValue(hex[offset + 1]) else {
                throw .invalidFingerprint
            }
            digest[index] = high << 4 | low
            if index < count - 1, hex[offset + 2] != UInt8(ascii: ":") { throw .invalidFingerprint }
        }
        self.algorithm = algorithm
        bytes = digest
    }

    /// The SDP form, e.g. `sha-256 AB:CD:…` (upper-case hex, as browsers write it).
    public var description: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var text = Array(algorithm.rawValue.utf8)
        text.append(UInt8(ascii: " "))
        for (index, byte) in bytes.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ":")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// True when `certificate` hashes to this fingerprint. The digests are compared in constant
    /// time.
    public func matches(_ certificate: Certificate) -> Bool {
        matches(derEncoded: certificate.derEncoded)
    }

    /// True when the DER bytes `derEncoded` hash to this fingerprint (compared in constant time),
    /// without parsing them.
    public func matches(derEncoded: [UInt8]) -> Bool {
        ConstantTime.isEqual(bytes, algorithm.digest(derEncoded))
    }

    /// True when `other` is the same algorithm's fingerprint with the same digest (compared in
    /// constant time): `matches(_:)` for a certificate whose fingerprint is already computed.
    public func matches(_ other: CertificateFingerprint) -> Bool {
        algorithm == other.algorithm && ConstantTime.isEqual(bytes, other.bytes)
    }
}

private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
