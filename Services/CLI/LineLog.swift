import Foundation
import Synchronization

/// One service's log file (`<home>/logs/<service>.log`, appended), optionally echoed to the terminal with a
/// `service |` prefix. Whole lines only; safe to call from any thread.
final class LineLog: Sendable {
    private let handle: Mutex<FileHandle?>
    private let prefix: String
    private let echo: Bool

    /// Opens (creating) `path` for appending.
    init(path: String, service: String, echo: Bool) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CLIError.writeFailed(path: path, reason: "cannot create the log file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CLIError.writeFailed(path: path, reason: "cannot open the log file")
        }
        handle.seekToEndOfFile()
        self.handle = Mutex(handle)
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
