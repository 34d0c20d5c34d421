import BrookTestSupport
import Foundation
import Testing

extension ChildProcess {
    /// Whether the OpenSSL interop can run; under CI=true a missing `openssl` is a recorded failure,
    /// never a skip.
    static func requireOpenSSL(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if opensslAvailable { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("openssl is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
        } else {
            print("note: skipping OpenSSL interop: openssl is not installed (scripts/test installs it)")
        }
        return false
    }
}
