// One named operation of the check, run once with fresh inputs from a seeded generator.

struct Operation: Sendable {
    let name: String
    let body: @Sendable (inout InputGenerator) throws -> Void
    init(_ name: String, _ body: @escaping @Sendable (inout InputGenerator) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// A failure of a public sanity check (a tag that should verify did not, and so on).
struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
