// swift-tools-version:6.1
// Kechuang (科创): cooperating Swift services for a county Science & Technology Bureau.
import PackageDescription

/// One set of Swift settings shared by every target.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Kechuang",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kechuang", targets: ["KechuangCLI"]),
        .executable(name: "kechuang-ingest", targets: ["IngestService"]),
        .executable(name: "kechuang-metrics", targets: ["MetricsService"]),
        .executable(name: "kechuang-scoring", targets: ["ScoringService"]),
        .executable(name: "kechuang-notify", targets: ["NotifyService"]),
        .executable(name: "kechuang-web", targets: ["WebService"]),
        .executable(name: "kechuang-benchmarks", targets: ["Benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // MARK: Shared modules
        .systemLibrary(
            name: "CZeroMQ",
            path: "Shared/CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(
            name: "JSONText",
            path: "Shared/JSONText",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ", .product(name: "DequeModule", package: "swift-collections")],
            path: "Shared/ZeroMQ",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Messaging",
            dependencies: ["ZeroMQ", "JSONText", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Messaging",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Domain",
            dependencies: ["JSONText"],
            path: "Shared/Domain",
            resources: [.copy("Resources/catalog.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Extraction",
            dependencies: ["Domain", "JSONText"],
            path: "Shared/Extraction",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DocumentConversion",
            dependencies: ["Domain", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Shared/DocumentConversion",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YAMLReading",
            dependencies: ["Domain", .product(name: "Yams", package: "Yams")],
            path: "Shared/YAMLReading",
            swiftSettings: swiftSettings
        ),
        .target(name: "Scoring", dependencies: ["Domain", "JSONText", "YAMLReading", .product(name: "Yams", package: "Yams")], path: "Shared/Scoring", swiftSettings: swiftSettings),
        .target(
            name: "NotifyRules",
            dependencies: ["Contracts", "Domain", "Scoring", "Messaging", "YAMLReading", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/NotifyRules",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Contracts",
            dependencies: ["Messaging", "Domain", "Scoring"],
            path: "Shared/Contracts",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Streams",
            dependencies: [
                "Messaging", "ZeroMQ", "ServiceKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Streams",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Storage",
            dependencies: ["Messaging", "Streams", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Shared/Storage",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "JSONText",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (one folder per executable)
        .executableTarget(
            name: "IngestService",
            dependencies: ["ServiceKit", "Streams", "JSONText", "Contracts", "Extraction", "Storage", "Domain", "Messaging", "ZeroMQ",
                           "Scoring", "DocumentConversion",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Services/Ingest",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MetricsService",
            dependencies: ["ServiceKit", "Streams", "Contracts", "Storage", "Domain", "Messaging", "Scoring", "ZeroMQ",
                           "JSONText", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Services/Metrics",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ScoringService",
            dependencies: ["ServiceKit", "Streams", "Contracts", "Storage", "Domain", "Messaging", "Scoring", "ZeroMQ",
                           "JSONText",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Services/Scoring",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "NotifyService",
            dependencies: ["ServiceKit", "Streams", "Contracts", "Storage", "Messaging", "NotifyRules", "ZeroMQ",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "Services/Notify",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "WebService",
            dependencies: ["ServiceKit", "Streams", "Contracts", "Domain", "Messaging", "Scoring", "ZeroMQ", "JSONText",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            path: "Services/Web",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KechuangCLI",
            dependencies: ["ServiceKit", "Streams", "Contracts", "Extraction", "Domain", "Messaging", "ZeroMQ", "JSONText", "Scoring",
                           "NotifyRules", "DocumentConversion",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Services/CLI",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["ZeroMQ", "CZeroMQ", "Messaging", "Streams", "Contracts", "Extraction", "Domain", "Storage",
                           "NotifyRules", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/Benchmarks",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(name: "KechuangTestSupport", path: "Tests/Support", swiftSettings: swiftSettings),
        .target(name: "CHeapStats", path: "Tests/CHeapStats"),
        .testTarget(name: "JSONTextTests", dependencies: ["KechuangTestSupport", "JSONText"], swiftSettings: swiftSettings),
        .testTarget(name: "ZeroMQTests", dependencies: ["KechuangTestSupport", "ZeroMQ"], swiftSettings: swiftSettings),
        .testTarget(name: "MessagingTests", dependencies: ["KechuangTestSupport", "Messaging", "ZeroMQ"], swiftSettings: swiftSettings),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "KechuangTestSupport", "Messaging"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Domain"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction", "Domain", "KechuangTestSupport"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DocumentConversionTests", dependencies: ["DocumentConversion", "Extraction", "Domain"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StorageTests", dependencies: ["KechuangTestSupport", "Storage", "Streams", "Messaging"], swiftSettings: swiftSettings),
        .testTarget(name: "ServiceKitTests", dependencies: ["KechuangTestSupport", "ServiceKit"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StreamsTests", dependencies: ["KechuangTestSupport", "CHeapStats", "Streams", "Messaging", "ServiceKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["IngestService", "Contracts", "Domain", "Messaging", "ServiceKit", "Storage", "KechuangTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricsTests", dependencies: ["MetricsService", "Contracts", "Domain", "Scoring"],
            exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ScoringServiceTests",
            dependencies: ["ScoringService", "Scoring", "Contracts", "Domain", "Messaging", "KechuangTestSupport", "CHeapStats", "Storage",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotifyTests",
            dependencies: ["NotifyService", "NotifyRules", "Contracts", "KechuangTestSupport",
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebTests",
            dependencies: ["WebService", "Contracts", "Domain", "Scoring", "KechuangTestSupport",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CLITests", dependencies: ["KechuangCLI", "Domain", "Scoring"], swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Contracts", "Messaging", "ZeroMQ", "Domain", "Scoring", "KechuangTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
