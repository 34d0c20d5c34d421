/// One libFuzzer target: a name, and a body that feeds arbitrary bytes to a parser or decoder
/// and checks properties of what comes out.
///
/// The body must never trap on any input (that is the parser's contract), and it throws
/// `FuzzFailure` when a property it checks does not hold: a re-encoding that differs from the
/// input, a failed `open` that changed its buffer, a replayed packet that was accepted. The
/// driver (`brook-fuzz`) turns a `FuzzFailure` into a crash so libFuzzer saves the input; the
/// corpus tests (`BrookFuzzTests`) replay the committed corpora through the same bodies.
///
/// Adding a target: one file with a `static let` of this type, and one line in `FuzzTarget.all`.
public struct FuzzTarget: Sendable {
    /// The name used on the command line and for the corpus folder `Fuzz/Corpus/<name>/`.
    public let name: String
    /// One line: what the target feeds and what it checks.
    public let summary: String
    let body: @Sendable (UnsafeRawBufferPointer) throws(FuzzFailure) -> FuzzOutcome

    init(name: String, summary: String, body: @escaping @Sendable (UnsafeRawBufferPointer) throws(FuzzFailure) -> FuzzOutcome) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    /// Runs the target on `input`.
    /// - Returns: whether the input was accepted (parsed, authenticated) or rejected with an error.
    /// - Throws: `FuzzFailure` when a checked property does not hold.
    public func run(_ input: UnsafeRawBufferPointer) throws(FuzzFailure) -> FuzzOutcome {
        try body(input)
    }

    /// Runs the target on `input`; see `run(_:)`.
    public func run(_ input: [UInt8]) throws(FuzzFailure) -> FuzzOutcome {
        let result = input.withUnsafeBytes { buffer in Result { () throws(FuzzFailure) in try body(buffer) } }
        return try result.get()
    }

    /// The target called `name`, if any.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}

/// What a target made of one input.
public enum FuzzOutcome: Sendable, Equatable {
    /// The input parsed (or authenticated) and every property held.
    case accepted
    /// The input was refused with a typed error, as malformed input must be.
    case rejected
}

/// A property a fuzz target checks did not hold: a logic error in the code under test.
public struct FuzzFailure: Error, CustomStringConvertible {
    /// Where the check is and what did not hold.
    public let description: String
}

/// Throws `FuzzFailure` with `message` unless `condition` holds.
@inline(__always)
func ensure(
    _ condition: Bool, _ message: @autoclosure () -> String, fileID: StaticString = #fileID, line: UInt = #line
) throws(FuzzFailure) {
    guard condition else { throw FuzzFailure(description: "\(fileID):\(line): \(message())") }
}
