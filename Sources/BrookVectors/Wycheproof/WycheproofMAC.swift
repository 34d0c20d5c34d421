import BrookCrypto

extension WycheproofRunner.GroupKind {
    /// `MacTest` (mac_test_schema): HMAC-SHA1/256/384/512; other MACs (CMAC, other hashes) are skipped.
    /// The tag is the leftmost `tagSize` bits of the HMAC. valid: it equals `tag`. invalid: it does not.
    static let mac = Self(type: "MacTest") { group, file, backend throws(MalformedTest) in
        let algorithm = group.string("algorithm") ?? file.algorithm
        guard let mac = backend.macs[algorithm] else {
            let known = ["HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512"].contains(algorithm)
            return .skip(known ? notBuilt(algorithm) : "\(algorithm) is not implemented")
        }
        guard let tagBits = group.int("tagSize"), tagBits > 0, tagBits % 8 == 0 else {
            throw MalformedTest(description: "tagSize is not a positive whole number of bytes")
        }
        return .check { test throws(MalformedTest) in
            let key = try test.bytes("key"), message = try test.bytes("msg"), tag = try test.bytes("tag")
            let computed = Array(mac(key, message).prefix(tagBits / 8))
            guard tag.count == computed.count else {
                return .rejected("tag is \(tag.count) bytes, tagSize is \(tagBits / 8)")
            }
            // A verifier's comparison: constant-time, as BrookCrypto's own.
            return ConstantTime.isEqual(computed, tag)
                ? .accepted : .rejected("tag differs from the computed \(Hex.encode(computed))")
        }
    }
}
