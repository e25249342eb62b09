// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Transparence",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "transparence", targets: ["transparence"]),
        .executable(name: "transparence-serve", targets: ["transparence-serve"]),
        .library(name: "TransparenceKit", targets: ["TransparenceKit"]),
        // For the fuzz harness (fuzz/), which checks the preview's Host rule.
        .library(name: "TransparenceServe", targets: ["TransparenceServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The preview server's HTTP layer (`serve`): pure Swift, async/await, epoll.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // cmark, the CommonMark reference implementation, from Debian's libcmark-dev.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // renameat2(RENAME_EXCHANGE), which Glibc's Swift overlay does not expose.
        .target(name: "CRenameat"),
        .target(
            name: "TransparenceKit",
            dependencies: [
                "Ccmark",
                "CRenameat",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The preview's HTTP server. FlyingFox links FoundationNetworking (libcurl and some forty
        // shared libraries, loaded at every start): only `transparence-serve` links this target.
        .target(
            name: "TransparenceServe",
            dependencies: ["TransparenceKit", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        // The command line, shared by both binaries.
        .target(
            name: "TransparenceCommands",
            dependencies: ["TransparenceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/transparence"
        ),
        // `transparence`: every command; `serve` runs `transparence-serve`, installed beside it.
        .executableTarget(
            name: "transparence",
            dependencies: ["TransparenceCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Executables/transparence"
        ),
        .executableTarget(
            name: "transparence-serve",
            dependencies: ["TransparenceCommands", "TransparenceServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Executables/transparence-serve"
        ),
        .testTarget(
            name: "TransparenceKitTests",
            dependencies: ["TransparenceKit", "TransparenceServe"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
