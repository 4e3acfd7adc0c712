import Foundation

/// One running service process: launched with `Foundation.Process` (its own process group, so a terminal Ctrl-C
/// reaches only the supervisor), stdout and stderr drained line by line on dedicated threads (never the cooperative
/// pool), exit reported through `terminationHandler`.
final class ChildProcess: Sendable {
    /// The process id.
    let pid: Int32
    private let process: Process

    private init(process: Process) {
        self.process = process
        self.pid = process.processIdentifier
    }

    /// Launches `executable`.
    /// - Parameters:
    ///   - onLine: called for every line of stdout (`false`) and stderr (`true`), from a reader thread.
    ///   - onExit: called once with the exit status, from Foundation's termination thread.
    static func launch(
        executable: String, arguments: [String], environment: [String: String],
        onLine: @escaping @Sendable (_ line: String, _ isStandardError: Bool) -> Void,
        onExit: @escaping @Sendable (ExitStatus) -> Void
    ) throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { finished in
            let status: ExitStatus = finished.terminationReason == .uncaughtSignal
                ? .signaled(finished.terminationStatus) : .exited(finished.terminationStatus)
            onExit(status)
        }
        try process.run()
        startReader(errors.fileHandleForReading.fileDescriptor, handle: errors.fileHandleForReading, name: "stderr") { onLine($0, true) }
        startReader(output.fileHandleForReading.fileDescriptor, handle: output.fileHandleForReading, name: "stdout") { onLine($0, false) }
        return ChildProcess(process: process)
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Reads `fd` until end of file on its own thread, splitting lines (invalid UTF-8 is repaired).
    private static func startReader(
        _ fd: Int32, handle: FileHandle, name: String, onLine: @escaping @Sendable (String) -> Void
    ) {
        let thread = Thread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: 0x0A) {
                    onLine(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
            try? handle.close()
        }
        thread.name = "kechuang.up.\(name)"
        thread.start()
    }
}
