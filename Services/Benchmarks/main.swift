// Kechuang benchmarks (科创 性能基准). Each benchmark prints `name key=value …` lines.
// Run: swift run -c release kechuang-benchmarks
// Add further benchmarks below, one call per benchmark type.

await ZeroMQBenchmark.run()
try await EnvelopeBenchmark.run()
try await IngestBenchmark.run()
try await MetricsBenchmark.run()
