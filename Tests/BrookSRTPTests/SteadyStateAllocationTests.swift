import Testing
import BrookSRTP
import BrookTestSupport

/// Issue 5: "no allocation per packet in the steady state". `brook-alloccheck srtp` protects and
/// unprotects 1000 RTP packets (1200-byte payload, a header extension, sequence numbers crossing
/// 65535) and 1000 RTCP packets per profile, in place, after a first packet has created the stream,
/// counting every malloc-family call. Its positive controls run in BrookCryptoTests.
@Suite("SRTP steady state allocates nothing")
struct SteadyStateAllocationTests {
    static var probes: [String] {
        SRTPProfile.allCases.flatMap { profile in
            ["srtp-protect-rtp", "srtp-unprotect-rtp", "srtp-protect-rtcp", "srtp-unprotect-rtcp"].map { "\($0)/\(profile)" }
        }
    }

    @Test("protect and unprotect, RTP and RTCP, every profile: 0 allocations and 0 frees in 1000 packets")
    func steadyState() throws {
        guard let run = try AllocationCheckRun(mode: "srtp") else { return }
        #expect(run.status == 0, "brook-alloccheck exited \(run.status)\n\(run.stdout)\(run.stderr)")
        let counts = run.counts
        #expect(Set(counts.keys) == Set(Self.probes), "probes run: \(run.stdout)")
        for name in Self.probes {
            #expect(counts[name] == AllocationCheckRun.Count(allocations: 0, frees: 0, operations: 1000), "\(name): \(run.stdout)")
        }
    }
}
