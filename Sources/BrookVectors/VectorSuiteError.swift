/// Why a whole vector file could not be run. A case that merely fails is not an error: it is
/// counted in the file's `VectorFileReport`.
public enum VectorSuiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(fileName: String, reason: String)
    /// The file is of a kind the runners do not check (another Wycheproof schema, another CAVP test).
    case unsupported(fileName: String, reason: String)
    /// The file is of a known kind but its structure is broken (bad JSON, missing test list).
    case malformed(fileName: String, reason: String)

    /// One line: `<file name>: <what went wrong>`.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .unsupported(let file, let reason): "\(file): unsupported: \(reason)"
        case .malformed(let file, let reason): "\(file): malformed: \(reason)"
        }
    }
}
