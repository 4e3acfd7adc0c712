import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-shot `kechuang` command running in the background, for tests that act on the system while it runs
/// (e.g. kill ingest in the middle of a feed). Output is drained continuously into ``stdout`` / ``stderr``.
final class CLIProcess: Sendable {
    /// Standard output lines.
    let stdout: OutputLines
    /// Standard error lines.
    let stderr: OutputLines
    /// The child's pid.
    let pid: Int32
    private let exit: AsyncLatch<Int32>

    /// Starts `kechuang arguments…`, through `launcher` when given (see ``ServiceProcess/start(_:arguments:environment:readyTimeout:launcher:)``).
    init(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws {
        let process = Process()
        let binary = try ServiceProcess.binaryURL(named: "kechuang")
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exit = AsyncLatch<Int32>()
        process.terminationHandler = { exit.resolve($0.terminationStatus) }
        stdout = OutputLines(name: "kechuang.stdout")
        stderr = OutputLines(name: "kechuang.stderr")
        try process.run()
        stdout.drain(outPipe.fileHandleForReading)
        stderr.drain(errPipe.fileHandleForReading)
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        pid = process.processIdentifier
        self.exit = exit
    }

    /// The exit status once it exited.
    var exitStatus: Int32? { exit.value }

    /// Waits for the exit (and the end of its output); `nil` on timeout (the child is then killed).
    func wait(timeout: Duration) async -> Int32? {
        guard let status = await exit.wait(timeout: timeout) else {
            kill(pid, SIGKILL)
            _ = await exit.wait(timeout: .seconds(10))
            return nil
        }
        _ = await stdout.waitClosed(timeout: .seconds(10))
        _ = await stderr.waitClosed(timeout: .seconds(10))
        return status
    }
}
