import Foundation

/// Which benchmarks run: `KECHUANG_BENCH_ONLY` is a comma-separated list of names (`zmq`, `envelope`,
/// `extraction`, `ingest`, `metrics`); unset or empty runs them all.
enum BenchmarkSelection {
    static let names: Set<String> = {
        let text = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ONLY"] ?? ""
        return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }()

    /// Whether the benchmark called `name` should run.
    static func includes(_ name: String) -> Bool {
        names.isEmpty || names.contains(name)
    }
}
