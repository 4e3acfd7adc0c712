import Foundation
import Logging
import Synchronization

/// Installs the structured stderr backend for swift-log once per process.
///
/// Level comes from configuration (`--log-level` / `KECHUANG_LOG_LEVEL`, default `info`), format from
/// `--log-format` / `KECHUANG_LOG_FORMAT` (default `logfmt`).
public enum LoggingBootstrap {
    /// Environment variable for the log level.
    public static let levelVariable = "KECHUANG_LOG_LEVEL"
    /// Environment variable for the log format.
    public static let formatVariable = "KECHUANG_LOG_FORMAT"
    /// Environment variable that, set to `0` beside a log file (``RotatingFileSink/pathVariable``), writes log lines
    /// to that file only, not also to stderr. `kechuang up` sets it unless it shows the services' output on the
    /// terminal: otherwise every line crossed a pipe to the supervisor, which read it only to drop it (the file has
    /// it). At one log line per document that copy cost ingest ≈ 0.8 context switches per document and the supervisor
    /// a read per line (docs/performance.md, "Log lines written once").
    public static let standardErrorCopyVariable = "KECHUANG_LOG_STDERR"

    private static let installed = Mutex(false)

    /// Bootstraps `LoggingSystem` with ``StructuredLogHandler`` (only the first call in a process has an effect)
    /// and returns a logger labelled `service`. When `environment` names a log file (`KECHUANG_LOG_FILE`, which
    /// `kechuang up` sets), every line also goes to that file, rotated by size (``RotatingFileSink``), so the
    /// service's lines survive its supervisor.
    @discardableResult
    public static func bootstrap(
        service: String, level: Logger.Level, format: LogFormat = .logfmt, sink: any LogLineSink = StandardErrorSink.shared,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Logger {
        let first = installed.withLock { installed -> Bool in
            defer { installed = true }
            return !installed
        }
        if first {
            let sink = lineSink(standardError: sink, environment: environment)
            LoggingSystem.bootstrap { label in
                StructuredLogHandler(label: label, service: service, level: level, format: format, sink: sink)
            }
        }
        return Logger(label: service)
    }

    /// Where log lines go: `standardError`; with a log file in `environment` (``RotatingFileSink/fromEnvironment(_:)``)
    /// both, or the file alone when ``standardErrorCopyVariable`` is `0`. A file that cannot be opened leaves
    /// `standardError` alone, whatever the variable says.
    static func lineSink(standardError: any LogLineSink, environment: [String: String]) -> any LogLineSink {
        guard let file = RotatingFileSink.fromEnvironment(environment) else { return standardError }
        if environment[standardErrorCopyVariable] == "0" { return file }
        return TeeSink([standardError, file])
    }

    /// A logger writing to `sink` without touching the global `LoggingSystem` (for tests and tools).
    public static func makeLogger(
        label: String, service: String, level: Logger.Level, format: LogFormat = .logfmt, sink: any LogLineSink
    ) -> Logger {
        Logger(label: label) { label in
            StructuredLogHandler(label: label, service: service, level: level, format: format, sink: sink)
        }
    }
}
