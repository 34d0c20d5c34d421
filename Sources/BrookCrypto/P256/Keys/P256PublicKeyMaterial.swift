// A validated P-256 public point and its encodings (SEC 1 §2.3.3–2.3.4). Every constructor checks the
// length, the prefix, that both coordinates are < p and that the point is on the curve; the point at
// infinity has no encoding here, so it is always rejected. Public keys are public: branches are fine.

@usableFromInline
struct P256PublicKeyMaterial: Sendable {
    @usableFromInline let point: P256AffinePoint
    /// X ‖ Y, 64 bytes, canonical big-endian.
    @usableFromInline let rawBytes: [UInt8]

    @usableFromInline
    init(point: P256AffinePoint) {
        self.point = point
        self.rawBytes = point.x.bigEndianBytes + point.y.bigEndianBytes
    }

    /// X ‖ Y (64 bytes).
    @usableFromInline
    init(rawRepresentation bytes: some Collection<UInt8>) throws(CryptoKitError) {
        guard bytes.count == 64 else { throw .invalidPublicKey }
        let point = withContiguousBytes(of: bytes) { buffer -> P256AffinePoint? in
            let (x, xCanonical) = P256FieldElement.fromBigEndian(buffer.baseAddress!)
            let (y, yCanonical) = P256FieldElement.fromBigEndian(buffer.baseAddress! + 32)
            let candidate = P256AffinePoint(x: x, y: y)
            return (xCanonical & yCanonical & candidate.isOnCurveMask) != 0 ? candidate : nil
        }
        guard let point else { throw .invalidPublicKey }
        self.init(point: point)
    }

    /// 04 ‖ X ‖ Y (65 bytes).
    @usableFromInline
    init(x963Representation bytes: some Collection<UInt8>) throws(CryptoKitError) {
        guard bytes.count == 65, bytes.first == 0x04 else { throw .invalidPublicKey }
        try self.init(rawRepresentation: bytes.dropFirst())
    }

    /// 02 ‖ X or 03 ‖ X (33 bytes): y is the square root of x³ − 3x + b whose parity the prefix gives.
    @usableFromInline
    init(compressedRepresentation bytes: some Collection<UInt8>) throws(CryptoKitError) {
        guard bytes.count == 33, let prefix = bytes.first, prefix == 0x02 || prefix == 0x03 else {
            throw .invalidPublicKey
        }
        let point = withContiguousBytes(of: bytes) { buffer -> P256AffinePoint? in
            let (x, xCanonical) = P256FieldElement.fromBigEndian(buffer.baseAddress! + 1)
            guard xCanonical != 0 else { return nil }
            let (root, isSquare) = P256AffinePoint.curveRightHandSide(x).squareRoot
            guard isSquare != 0 else { return nil }
            let wantOdd: UInt64 = prefix == 0x03 ? .max : 0
            let y = P256FieldElement.select(root.isOddMask ^ wantOdd, -root, root)
            return P256AffinePoint(x: x, y: y)
        }
        guard let point else { throw .invalidPublicKey }
        self.init(point: point)
    }

    /// Either SEC 1 form: 65 bytes uncompressed or 33 bytes compressed.
    @usableFromInline
    init(sec1Point bytes: [UInt8]) throws(CryptoKitError) {
        switch bytes.count {
        case 65: try self.init(x963Representation: bytes)
        case 33: try self.init(compressedRepresentation: bytes)
        default: throw .invalidPublicKey
        }
    }

    @usableFromInline var x963Bytes: [UInt8] { [0x04] + rawBytes }

    @usableFromInline var compressedBytes: [UInt8] {
        [0x02 | (rawBytes[63] & 1)] + rawBytes[0..<32]
    }
}
