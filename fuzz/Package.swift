// swift-tools-version:5.4
import PackageDescription

// Fuzz harness for the loaders of TransparenceKit (not part of CI: see ../docs/fuzzing.md).
//
//     fuzz/run.sh [seconds]
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's `main` to make it
// testable, which breaks the `main` that libFuzzer provides.
//
// Built with `swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing`: the
// harness uses `@testable import` to reach the internal loaders without widening their access.
let package = Package(
    name: "TransparenceFuzz",
    dependencies: [
        .package(name: "Transparence", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "TransparenceFuzz",
            dependencies: [.product(name: "TransparenceKit", package: "Transparence"),
                           .product(name: "TransparenceServe", package: "Transparence")]
        ),
    ]
)
