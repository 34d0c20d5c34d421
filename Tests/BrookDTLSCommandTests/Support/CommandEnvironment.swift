import BrookTestSupport
import Foundation
import Glibc
import Testing

/// Where the `brook` executable is, and the peers the tests start.
enum CommandEnvironment {
    /// The `brook` executable SwiftPM built beside this test bundle (the test target depends on it).
    static var brook: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("brook").path
    }

    /// Whether `openssl` can be run; under CI=true its absence is a recorded failure, never a skip.
    static func requireOpenSSL(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        TestEnvironment.require(ExternalProcess.which("openssl"), "the openssl command", sourceLocation: sourceLocation) != nil
    }

    /// True under AddressSanitizer (the test process, and so the `brook` built with it, carries
    /// the ASan runtime): its redzones and quarantine make RSS figures meaningless.
    static let isAddressSanitized: Bool = dlsym(dlopen(nil, RTLD_NOW), "__asan_init") != nil

    /// True in an optimised build of the tests (and so of `brook`): the load test then runs the full size.
    static var isOptimized: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }
}
