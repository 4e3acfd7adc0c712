import Foundation
import Logging
import ServiceKit

/// What a structured log line costs: ingest writes one `info` line per accepted document (`document stored`, seven
/// metadata values), so at the default level the line is part of every document's cost.
///
/// Prints `logging.line format=… ns_per_line=…` for the formatter alone and for the whole logger call (metadata
/// built at the call site, merged, formatted, handed to a sink that drops it), logfmt and JSON. Best of 3 rounds of
/// `KECHUANG_BENCH_LOGGING_LINES` (default 200 000) lines.
enum LoggingBenchmark {
    static let lines = ProcessInfo.processInfo.environment["KECHUANG_BENCH_LOGGING_LINES"].flatMap { Int($0) } ?? 200_000

    /// A sink that keeps only a count (so the optimiser cannot drop the line).
    final class CountingSink: LogLineSink, @unchecked Sendable {
        var bytes = 0
        func write(line: String) { bytes &+= line.utf8.count }
    }

    static func run() {
        for format in [LogFormat.logfmt, .json] {
            let formatter = LogLineFormatter(format: format, service: "ingest")
            let metadata: Logger.Metadata = [
                "document": "doc-9e62f16fce64bb94", "kind": "filing", "name": "张家港企业申报 2024.csv",
                "bytes": "50770", "first_seq": "24", "last_seq": "324",
                "counts": .dictionary(["enterprises": .stringConvertible(300), "filings": .stringConvertible(300)]),
            ]
            var total = 0
            let formatOnly = best {
                for index in 0..<lines {
                    total &+= formatter.format(
                        timestamp: Date(timeIntervalSince1970: 1_764_633_600 + Double(index) / 1000), level: .info,
                        label: "ingest", message: "document stored", metadata: metadata).utf8.count
                }
            }
            let sink = CountingSink()
            let logger = LoggingBootstrap.makeLogger(label: "ingest", service: "ingest", level: .info, format: format, sink: sink)
            let whole = best {
                for index in 0..<lines {
                    logger.info("document stored", metadata: [
                        "document": "doc-\(index)", "kind": "filing", "name": "张家港企业申报 2024.csv",
                        "bytes": "\(50_770 + index)", "first_seq": "\(index)", "last_seq": "\(index + 300)",
                        "counts": .dictionary(["enterprises": .stringConvertible(300), "filings": .stringConvertible(300)]),
                    ])
                }
            }
            print("logging.line format=\(format) part=formatter ns_per_line=\(nanoseconds(formatOnly)) chars=\(total / (3 * lines))")
            print("logging.line format=\(format) part=logger_call ns_per_line=\(nanoseconds(whole)) bytes=\(sink.bytes / (3 * lines))")
        }
    }

    private static func best(_ body: () -> Void) -> Duration {
        (0..<3).map { _ in ContinuousClock().measure(body) }.min() ?? .zero
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int((seconds * 1_000_000_000 + attoseconds / 1_000_000_000) / Int64(lines))
    }
}
