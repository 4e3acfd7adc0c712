import Foundation
import Synchronization

/// One service's log file (`<home>/logs/<service>.log`, appended), optionally echoed to the terminal with a
/// `service |` prefix. Whole lines only; safe to call from any thread.
final class LineLog: Sendable {
    private let handle: Mutex<FileHandle?>
    private let prefix: String
    private let echo: Bool

    /// Opens (creating, mode 0600) `path` with `O_APPEND`, so every line lands at the current end of the file even
    /// after logrotate's `copytruncate` shortened it.
    init(path: String, service: String, echo: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError.writeFailed(path: path, reason: "cannot open the log file: \(String(cString: strerror(errno)))")
        }
        self.handle = Mutex(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        self.prefix = service
        self.echo = echo
    }

    /// Appends `line` (and echoes it when asked).
    func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        handle.withLock { $0?.write(data) }
        if echo {
            FileHandle.standardError.write(Data("\(prefix) | \(line)\n".utf8))
        }
    }

    /// Closes the file.
    func close() {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }
}
