// Kechuang benchmarks (科创 性能基准). Each benchmark prints `name key=value …` lines.
// Run: swift run -c release kechuang-benchmarks
// Select parts with KECHUANG_BENCH_ONLY=zmq,envelope,extraction,ingest,metrics,scoring,ranking,notify,storm,web,logging (default: all), or
// name them as arguments: `kechuang-benchmarks notify`.
// Add further benchmarks below, one call per benchmark type.

if BenchmarkSelection.includes("zmq") { await ZeroMQBenchmark.run() }
if BenchmarkSelection.includes("envelope") { try await EnvelopeBenchmark.run() }
if BenchmarkSelection.includes("extraction") { try ExtractionBenchmark.run() }
if BenchmarkSelection.includes("ingest") { try await IngestBenchmark.run() }
if BenchmarkSelection.includes("metrics") { try await MetricsBenchmark.run() }
if BenchmarkSelection.includes("scoring") { try await ScoringBenchmark.run() }
if BenchmarkSelection.includes("ranking") { RankingBenchmark.run() }
if BenchmarkSelection.includes("notify") { try await NotifyBenchmark.run() }
if BenchmarkSelection.includes("storm") { try await StormBenchmark.run() }
if BenchmarkSelection.includes("web") { try await WebBenchmark.run() }
if BenchmarkSelection.includes("logging") { LoggingBenchmark.run() }
