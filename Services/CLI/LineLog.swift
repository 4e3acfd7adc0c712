import Foundation
import Synchronization

/// The supervisor's side of one service's log file (`<home>/logs/<service>.log`), optionally echoing the service's
/// lines to the terminal with a `service |` prefix. The service appends its own structured log lines to the file
/// (`KECHUANG_LOG_FILE`, rotated by size); the supervisor adds its marker lines and whatever the service printed
/// outside its logger. Each write opens the file with `O_APPEND`, writes one whole line and closes it, so a rotation
/// by the service (or logrotate) is followed at once. Safe to call from any thread.
final class LineLog: Sendable {
    private let path: String
    private let prefix: String
    private let echo: Bool
    private let closed = Mutex(false)

    /// Checks that `path` can be opened for appending (creating it, mode 0600).
    init(path: String, service: String, echo: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError.writeFailed(path: path, reason: "cannot open the log file: \(String(cString: strerror(errno)))")
        }
        Glibc.close(descriptor)
        self.path = path
        self.prefix = service
        self.echo = echo
    }

    /// Whether `line` is one of the service's structured log lines (`ts=…` logfmt or `{"ts":…` JSON), which the
    /// service writes to its file itself.
    static func isStructuredLogLine(_ line: String) -> Bool {
        line.hasPrefix("ts=") || line.hasPrefix("{\"ts\":")
    }

    /// Appends `line` to the file (unless `toFile` is false) and echoes it when asked.
    func write(_ line: String, toFile: Bool = true) {
        if toFile, !closed.withLock({ $0 }) {
            let bytes = Array((line + "\n").utf8)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                Glibc.close(descriptor)
            }
        }
        if echo {
            FileHandle.standardError.write(Data("\(prefix) | \(line)\n".utf8))
        }
    }

    /// Stops writing to the file.
    func close() {
        closed.withLock { $0 = true }
    }
}
