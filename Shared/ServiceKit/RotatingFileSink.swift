import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends whole log lines to a file the service owns (`KECHUANG_LOG_FILE`, set by `kechuang up` to
/// `<home>/logs/<service>.log`), so its lines survive the supervisor: after a supervisor SIGKILL the service's
/// last words ("supervisor is gone; shutting down") still reach the file. Rotated by size: when a line would take
/// the file past ``maxBytes``, `<file>` becomes `<file>.1` (`.1` → `.2` …, the oldest beyond ``keep`` is removed)
/// and a new `<file>` is started. Each line is one `write(2)` with `O_APPEND`, so other appenders (the supervisor's
/// marker lines) never interleave within a line. Safe to call from any thread.
public final class RotatingFileSink: LogLineSink {
    /// The environment variable naming the file.
    public static let pathVariable = "KECHUANG_LOG_FILE"
    /// The environment variable with the size limit in bytes (default 10 MiB).
    public static let maxBytesVariable = "KECHUANG_LOG_MAX_BYTES"
    /// The environment variable with the number of rotated files kept (default 5).
    public static let keepVariable = "KECHUANG_LOG_KEEP"

    private struct State {
        var descriptor: Int32
        var size: Int
    }

    /// The log file.
    public let path: String
    /// Rotate before the file would grow beyond this.
    public let maxBytes: Int
    /// Rotated files kept (`<file>.1` … `<file>.<keep>`).
    public let keep: Int
    private let state: Mutex<State>

    /// Opens (creating, 0600) `path` for appending.
    /// - Throws: ``DirectoryError/notWritable(path:reason:)`` naming the file when it cannot be opened.
    public init(path: String, maxBytes: Int = 10 * 1024 * 1024, keep: Int = 5) throws(DirectoryError) {
        self.path = path
        self.maxBytes = max(1024, maxBytes)
        self.keep = max(1, keep)
        let descriptor = try Self.open(path)
        state = Mutex(State(descriptor: descriptor, size: Self.size(of: descriptor)))
    }

    deinit {
        state.withLock { close($0.descriptor) }
    }

    /// The sink configured by the environment (``pathVariable`` …), or `nil` when no file is asked for. A file
    /// that cannot be opened is reported on stderr once and ignored (the service still logs to stderr).
    public static func fromEnvironment(_ environment: [String: String]) -> RotatingFileSink? {
        guard let path = environment[pathVariable], !path.isEmpty else { return nil }
        let maxBytes = environment[maxBytesVariable].flatMap { Int($0) } ?? 10 * 1024 * 1024
        let keep = environment[keepVariable].flatMap { Int($0) } ?? 5
        do {
            return try RotatingFileSink(path: path, maxBytes: maxBytes, keep: keep)
        } catch {
            StandardErrorSink.shared.write(line: "cannot write the log file \(path) (\(pathVariable)): \(error)")
            return nil
        }
    }

    /// Appends `line` and a newline, rotating first when the file would exceed ``maxBytes``.
    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        state.withLock { state in
            if state.size > 0, state.size + bytes.count > maxBytes {
                rotate(&state)
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    Glibc.write(state.descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
            state.size += bytes.count
        }
    }

    private func rotate(_ state: inout State) {
        close(state.descriptor)
        unlink("\(path).\(keep)")
        if keep > 1 {
            for index in stride(from: keep - 1, through: 1, by: -1) {
                rename("\(path).\(index)", "\(path).\(index + 1)")
            }
        }
        rename(path, "\(path).1")
        if let descriptor = try? Self.open(path) {
            state = State(descriptor: descriptor, size: 0)
        } else {
            state = State(descriptor: -1, size: 0)
        }
    }

    private static func open(_ path: String) throws(DirectoryError) -> Int32 {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DirectoryError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        return descriptor
    }

    private static func size(of descriptor: Int32) -> Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }
}

/// Writes every line to several sinks (stderr and the service's own file).
public struct TeeSink: LogLineSink {
    /// The sinks, in order.
    public let sinks: [any LogLineSink]

    /// Creates the tee.
    public init(_ sinks: [any LogLineSink]) {
        self.sinks = sinks
    }

    /// Writes `line` to each sink.
    public func write(line: String) {
        for sink in sinks { sink.write(line: line) }
    }
}
