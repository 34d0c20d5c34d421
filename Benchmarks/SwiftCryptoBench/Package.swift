// swift-tools-version: 6.1
// The swift-crypto reference of `brook bench --compare swift-crypto`: a package of its own, so that no
// target of Brook depends on swift-crypto. Prints the JSON lines of Benchmarks/README.md.
import PackageDescription

let package = Package(
    name: "SwiftCryptoBench",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "swift-crypto-bench",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
    ]
)
