import Foundation

/// Which benchmarks run: `KECHUANG_BENCH_ONLY` is a comma-separated list of names (`zmq`, `envelope`,
/// `extraction`, `ingest`, `metrics`, `scoring`, `ranking`, `notify`, `storm`, `web`, `logging`), or the names given as arguments; none runs them all.
enum BenchmarkSelection {
    static let names: Set<String> = {
        let text = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ONLY"] ?? ""
        let arguments = CommandLine.arguments.dropFirst().flatMap { $0.split(separator: ",") }
        return Set((text.split(separator: ",") + arguments).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty })
    }()

    /// Whether the benchmark called `name` should run.
    static func includes(_ name: String) -> Bool {
        names.isEmpty || names.contains(name)
    }
}
