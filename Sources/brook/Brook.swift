import ArgumentParser

@main
struct Brook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brook",
        abstract: "WebRTC in pure Swift: test-vector suites, benchmarks and protocol tools.",
        subcommands: [Vectors.self, Bench.self, DTLSCommand.self, STUN.self]
    )
}
