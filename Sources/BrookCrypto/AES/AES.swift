/// The Advanced Encryption Standard (FIPS 197) with 128-, 192- and 256-bit keys, and the modes
/// built on its forward cipher: `AES.CTR` (NIST SP 800-38A §6.5) and `AES.GCM` (NIST SP 800-38D).
///
/// The block cipher is fixsliced (Adomnicai–Peyrin) on 64-bit words, four blocks per call, with a
/// Boolean-circuit S-box: no table lookups and no branches depend on keys or data. Only the forward
/// cipher exists; CTR and GCM never need the inverse.
public enum AES {
    /// Encrypts one 16-byte block in place with the raw block cipher (ECB on one block), for
    /// known-answer tests and constructions that need the bare permutation.
    ///
    /// - Throws: `.incorrectParameterSize` unless `block` has 16 bytes; `.incorrectKeySize` unless
    ///   the key has 16, 24 or 32 bytes.
    public static func permute(_ block: inout [UInt8], key: SymmetricKey) throws(CryptoKitError) {
        guard block.count == 16 else { throw .incorrectParameterSize }
        let keys = try AESRoundKeys(key: key)
        block.withUnsafeMutableBytes { b in keys.encryptBlock(b.baseAddress!, b.baseAddress!) }
    }
}
