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
            let sink: any LogLineSink = RotatingFileSink.fromEnvironment(environment).map { TeeSink([sink, $0]) } ?? sink
            LoggingSystem.bootstrap { label in
                StructuredLogHandler(label: label, service: service, level: level, format: format, sink: sink)
            }
        }
        return Logger(label: service)
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
