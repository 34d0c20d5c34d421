// brook-alloccheck: counts heap allocations on the paths Brook promises allocate nothing per
// operation (issue 3: the in-place AES-GCM and ChaCha20-Poly1305 paths, HMAC once keyed; issue 5:
// SRTP and SRTCP protect and unprotect in the steady state). The executable carries its own
// malloc family (Tests/CAllocCounter), which forwards to glibc and counts this thread's calls while
// armed. Each probe sets up its state, runs its operation once to warm up, then `iterations` times
// with the counter armed, and prints
//
//   <name> allocations=<n> frees=<n> operations=<iterations>
//
//   brook-alloccheck crypto|srtp|controls [name…]
//
// The BrookCryptoTests and BrookSRTPTests suites run it and require 0 for every crypto and SRTP
// probe and more than 0 for every control. Exits 2 when the interposers were compiled out (an
// AddressSanitizer build) and 1 when a probe's own sanity check failed. A test tool: no library
// product contains it.
import CAllocCounter
import Glibc

let iterations = 1000
let arguments = CommandLine.arguments.dropFirst()
let probes: [Probe]
switch arguments.first {
case "crypto": probes = cryptoProbes
case "srtp": probes = srtpProbes
case "controls": probes = controlProbes
default:
    print("usage: brook-alloccheck crypto|srtp|controls [name…]")
    exit(2)
}
let selected = arguments.dropFirst()

guard brook_alloc_interposers_compiled() != 0 else {
    print("brook-alloccheck: built with AddressSanitizer, whose runtime owns malloc: cannot count")
    exit(2)
}

var failed = false
for probe in probes where selected.isEmpty || selected.contains(probe.name) {
    do {
        let count = try probe.measure(iterations: iterations)
        print("\(probe.name) allocations=\(count.allocations) frees=\(count.frees) operations=\(iterations)")
    } catch {
        print("\(probe.name) failed: \(error)")
        failed = true
    }
}
exit(failed ? 1 : 0)
