import BrookVectors

/// A field a vector record must have but does not (or that is malformed).
struct MissingVectorField: Error, CustomStringConvertible {
    var name: String
    var line: Int
    var description: String { "vector at line \(line): field \(name) missing or malformed" }
}

extension RSPFile.Record {
    /// The hex field `name` as bytes, or a thrown `MissingVectorField`.
    func vectorHex(_ name: String) throws -> [UInt8] {
        guard let value = bytes(name) else { throw MissingVectorField(name: name, line: line) }
        return value
    }

    /// The text of field `name`, or a thrown `MissingVectorField`.
    func vectorText(_ name: String) throws -> String {
        guard let value = self[name] else { throw MissingVectorField(name: name, line: line) }
        return value
    }

    /// The decimal field `name` as an integer of type `T`, or a thrown `MissingVectorField`.
    func vectorNumber<T: FixedWidthInteger>(_ name: String, as: T.Type = T.self) throws -> T {
        guard let value = self[name].flatMap({ T($0) }) else { throw MissingVectorField(name: name, line: line) }
        return value
    }
}
