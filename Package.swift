// swift-tools-version: 6.1
// Brook: WebRTC in pure Swift, from the crypto up.
// Layering (lower never imports higher): crypto → X.509 → DTLS → SRTP · STUN/ICE · SCTP · RTP/RTCP · SDP
// → peer connection → adapters and the `brook` command.
import PackageDescription

let package = Package(
    name: "Brook",
    products: [
        .library(name: "BrookCrypto", targets: ["BrookCrypto"]),
        .library(name: "BrookVectors", targets: ["BrookVectors"]),
        .library(name: "BrookX509", targets: ["BrookX509"]),
        .library(name: "BrookSansIO", targets: ["BrookSansIO"]),
        .library(name: "BrookSRTP", targets: ["BrookSRTP"]),
        .library(name: "BrookDTLS", targets: ["BrookDTLS"]),
        .library(name: "BrookDTLSUDP", targets: ["BrookDTLSUDP"]),
        .library(name: "BrookICE", targets: ["BrookICE"]),
        .library(name: "BrookUDP", targets: ["BrookUDP"]),
        .executable(name: "brook", targets: ["brook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Pure-Swift primitives. Standard library, Glibc (getrandom only) and SwiftASN1 (DER keys).
        .target(
            name: "BrookCrypto",
            dependencies: [.product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        // Test-vector suites (Wycheproof JSON, NIST CAVP .rsp) run against BrookCrypto.
        // A tooling target: it reads files, so it may use Foundation; no protocol target imports it.
        .target(name: "BrookVectors", dependencies: ["BrookCrypto"]),
        // X.509 (RFC 5280) over SwiftASN1: self-signed ECDSA P-256 certificates and SDP fingerprints.
        .target(
            name: "BrookX509",
            dependencies: ["BrookCrypto", .product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        // The shared vocabulary of the Sans-IO protocol layers (the caller's clock as a value).
        // Standard library only; every protocol target may import it.
        .target(name: "BrookSansIO"),
        // SRTP and SRTCP (RFC 3711, RFC 7714) for the four DTLS-SRTP profiles; no Foundation.
        .target(name: "BrookSRTP", dependencies: ["BrookCrypto", "BrookSansIO"]),
        // DTLS 1.2 (RFC 6347) client and server with DTLS-SRTP, Sans-IO, over BrookCrypto and BrookX509.
        .target(name: "BrookDTLS", dependencies: ["BrookCrypto", "BrookX509", "BrookSansIO"]),
        // Adapter: the UDP loop (over BrookUDP's IPv4/IPv6 socket) that drives DTLS connections; used by `brook dtls`.
        .target(name: "BrookDTLSUDP", dependencies: ["BrookDTLS", "BrookSansIO", "BrookUDP"]),
        // STUN (RFC 8489) and a Sans-IO ICE agent (RFC 8445, 8838, 7675); no Foundation.
        .target(name: "BrookICE", dependencies: ["BrookCrypto", "BrookSansIO"]),
        // Adapter: a small blocking UDP socket over Glibc (IPv4/IPv6) for the command line and interop tests.
        .target(name: "BrookUDP", dependencies: ["BrookSansIO"]),
        .executableTarget(
            name: "brook",
            dependencies: [
                "BrookCrypto", "BrookVectors", "BrookSRTP", "BrookDTLS", "BrookDTLSUDP", "BrookICE", "BrookUDP",
                "BrookX509", "BrookSansIO", "CMallocInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // glibc's <malloc.h> (mallinfo2): live-heap bytes per connection in `brook dtls bench` and the
        // DTLS memory-footprint test. Header only.
        .systemLibrary(name: "CMallocInfo", path: "Sources/CMallocInfo"),
        // The secret-taint check (SECURITY.md): BrookCrypto under valgrind memcheck with secrets marked
        // undefined through memcheck.h client requests. A test tool, in no product; run by BrookCryptoTests.
        .systemLibrary(name: "CValgrind", path: "Tests/CValgrind"),
        .executableTarget(name: "brook-ctcheck", dependencies: ["BrookCrypto", "CValgrind"]),
        // The allocation check (README, "What the tests check"): brook-alloccheck links a malloc family
        // that counts calls (CAllocCounter, C, test-only) and runs the in-place crypto and SRTP paths.
        // Test tools in no product; run by BrookCryptoTests and BrookSRTPTests.
        .target(name: "CAllocCounter", path: "Tests/CAllocCounter"),
        .executableTarget(name: "brook-alloccheck", dependencies: ["BrookCrypto", "BrookSRTP", "CAllocCounter"]),
        // GMP as an independent big-number oracle: tests only, never shipped code.
        .systemLibrary(name: "CGMP", path: "Tests/CGMP"),
        // What every test target shares: where vectors and oracles live, running external tools,
        // seeded randomness. Foundation and Testing; never a dependency of shipped code.
        .target(name: "BrookTestSupport", path: "Tests/BrookTestSupport"),
        .testTarget(
            name: "BrookCryptoTests",
            dependencies: ["BrookCrypto", "BrookVectors", "BrookTestSupport", "CGMP"]
        ),
        .testTarget(
            name: "BrookX509Tests",
            dependencies: [
                "BrookX509", "BrookCrypto", "BrookVectors", "BrookTestSupport",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(name: "BrookSansIOTests", dependencies: ["BrookSansIO"]),
        // Fuzzing: the targets' bodies, the `brook-fuzz` driver (libFuzzer under scripts/fuzz, a
        // corpus replayer otherwise) and the tests replaying Fuzz/Corpus through the same bodies.
        .target(
            name: "BrookFuzzTargets",
            dependencies: ["BrookCrypto", "BrookX509", "BrookSRTP", "BrookDTLS", "BrookICE", "BrookSansIO"],
            path: "Fuzz/Targets"
        ),
        .executableTarget(name: "brook-fuzz", dependencies: ["BrookFuzzTargets"], path: "Fuzz/Driver"),
        .testTarget(
            name: "BrookFuzzTests",
            dependencies: ["BrookFuzzTargets", "BrookTestSupport", "BrookDTLS", "BrookICE", "BrookSansIO", "BrookUDP"]
        ),
        // SRTP vectors, hostile input, differential tests against libsrtp2 (pylibsrtp), and contexts keyed
        // by a real BrookDTLS handshake (BrookDTLS and BrookX509 for this test target only).
        .testTarget(name: "BrookSRTPTests", dependencies: ["BrookSRTP", "BrookCrypto", "BrookVectors", "BrookTestSupport", "BrookDTLS", "BrookX509"]),
        // `brook bench --quick --json` end to end (schema only, never timing); runs the built executable.
        .testTarget(name: "BrookBenchTests", dependencies: ["brook"]),
        .testTarget(
            name: "BrookDTLSTests",
            dependencies: [
                "BrookDTLS", "BrookDTLSUDP", "BrookCrypto", "BrookX509", "BrookSansIO", "BrookVectors", "BrookTestSupport",
                "CMallocInfo",  // the live-heap figure of the memory-footprint test, as `brook dtls bench` reads it
            ]
        ),
        // `brook dtls server|client|load` end to end: the built executable against itself and OpenSSL on loopback.
        .testTarget(name: "BrookDTLSCommandTests", dependencies: ["brook", "BrookTestSupport"]),
        // STUN vectors, hostile input, the ICE agent over a seeded simulator, and real peers (aioice, coturn).
        .testTarget(
            name: "BrookICETests",
            dependencies: ["BrookICE", "BrookSansIO", "BrookCrypto", "BrookVectors", "BrookUDP", "BrookTestSupport"]
        ),
    ]
)
