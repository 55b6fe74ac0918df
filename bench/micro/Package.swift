// swift-tools-version:6.1
// Micro benchmarks of Warta's pure libraries with ordo-one/benchmark. A package of its own, so the app's build and
// test suite do not carry the benchmark dependencies. Run: `cd bench/micro && swift package benchmark`
// (results and the exact command in bench/BENCHMARKS.md).
import PackageDescription

let package = Package(
    name: "warta-micro-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "warta", path: "../.."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MarkupBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "WartaMarkup", package: "warta"),
            ],
            path: "Benchmarks/MarkupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
