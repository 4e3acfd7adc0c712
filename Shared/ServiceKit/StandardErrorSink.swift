import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole lines to stderr under a lock (lines from concurrent loggers never interleave) and flushes each.
public final class StandardErrorSink: LogLineSink {
    /// The process-wide stderr sink.
    public static let shared = StandardErrorSink()
    private let lock = Mutex(())

    /// Creates a sink (prefer ``shared``).
    public init() {}

    /// Writes `line` plus a newline to stderr in one `write(2)` loop, holding the lock.
    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    systemWrite(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
