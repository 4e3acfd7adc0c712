import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Kechuang executable running as a child process for an integration test.
///
/// - ``start(_:arguments:environment:readyTimeout:)`` locates the binary (``binaryURL(named:)``), starts it,
///   drains stdout and stderr continuously on their own threads (lines kept in ``stdout`` / ``stderr``) and waits
///   for the readiness line on stderr (``ServiceReadiness``) with a timeout — never a sleep.
/// - ``stop(timeout:)`` sends SIGTERM and waits for the exit (SIGKILL as a last resort, reported as an error);
///   ``kill()`` sends SIGKILL at once (crash simulation).
final class ServiceProcess: Sendable {
    /// The executable's name, e.g. `kechuang-ingest`.
    let name: String
    /// The child's process id.
    let pid: Int32
    /// What the child wrote on stdout, line by line.
    let stdout: OutputLines
    /// What the child wrote on stderr, line by line (structured logs and the readiness line).
    let stderr: OutputLines
    /// The parsed readiness line.
    let readiness: ServiceReadiness
    private let process: Process
    private let exit: AsyncLatch<Int32>

    private init(
        name: String, process: Process, stdout: OutputLines, stderr: OutputLines, readiness: ServiceReadiness,
        exit: AsyncLatch<Int32>
    ) {
        self.name = name
        self.pid = process.processIdentifier
        self.process = process
        self.stdout = stdout
        self.stderr = stderr
        self.readiness = readiness
        self.exit = exit
    }

    /// Starts `name` with `arguments` and waits until it announces readiness.
    /// - Parameters:
    ///   - environment: added to (and overriding) the test process's environment.
    ///   - readyTimeout: how long to wait for the readiness line.
    ///   - launcher: a command that runs the binary, e.g. `["/usr/sbin/ip", "netns", "exec", "ns1"]` (it must exec the
    ///     binary, so that ``pid`` is the service's own); empty to run the binary directly.
    /// - Throws: ``ServiceProcessError`` when the binary is missing, the child exits first or is not ready in time
    ///   (the child is then killed).
    static func start(
        _ name: String, arguments: [String], environment: [String: String] = [:],
        readyTimeout: Duration = .seconds(30), launcher: [String] = []
    ) async throws -> ServiceProcess {
        let process = Process()
        let binary = try binaryURL(named: name)
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exit = AsyncLatch<Int32>()
        process.terminationHandler = { finished in exit.resolve(finished.terminationStatus) }
        let stdout = OutputLines(name: "\(name).stdout")
        let stderr = OutputLines(name: "\(name).stderr")
        try process.run()
        stdout.drain(outPipe.fileHandleForReading)
        stderr.drain(errPipe.fileHandleForReading)
        // Our copies of the write ends must be closed, or the pipes never reach end of file.
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()

        let line = await stderr.firstLine(matching: { ServiceReadiness.parse($0) != nil }, timeout: readyTimeout)
        guard let line, let readiness = ServiceReadiness.parse(line) else {
            let exited = exit.value
            if exited == nil {
                Glibc.kill(process.processIdentifier, SIGKILL)
                _ = await exit.wait(timeout: .seconds(10))
                throw ServiceProcessError.notReady(name: name, timeout: readyTimeout, stderrTail: stderr.tail())
            }
            _ = await stderr.waitClosed(timeout: .seconds(5))
            throw ServiceProcessError.exitedBeforeReady(name: name, status: exited, stderrTail: stderr.tail())
        }
        return ServiceProcess(
            name: name, process: process, stdout: stdout, stderr: stderr, readiness: readiness, exit: exit)
    }

    /// The exit status once the child has exited, else `nil`.
    var exitStatus: Int32? { exit.value }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    /// - Throws: ``ServiceProcessError/didNotExit(name:timeout:stderrTail:)`` after killing a child that ignored it.
    @discardableResult
    func stop(timeout: Duration = .seconds(15)) async throws -> Int32 {
        if let status = exit.value { return status }
        Glibc.kill(pid, SIGTERM)
        if let status = await exit.wait(timeout: timeout) {
            _ = await stderr.waitClosed(timeout: .seconds(5))
            return status
        }
        Glibc.kill(pid, SIGKILL)
        _ = await exit.wait(timeout: .seconds(10))
        throw ServiceProcessError.didNotExit(name: name, timeout: timeout, stderrTail: stderr.tail())
    }

    /// Sends SIGKILL (no chance to clean up) and waits for the exit.
    func kill() async {
        if exit.value != nil { return }
        Glibc.kill(pid, SIGKILL)
        _ = await exit.wait(timeout: .seconds(10))
    }

    /// Waits for the child to exit by itself; its status, or `nil` on timeout.
    func waitForExit(timeout: Duration) async -> Int32? {
        await exit.wait(timeout: timeout)
    }

    /// Where the built executables are: `KECHUANG_BIN_DIR`, else the directory of the running test binary
    /// (`<scratch>/debug/`).
    static func binaryDirectories() -> [URL] {
        var directories: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["KECHUANG_BIN_DIR"], !explicit.isEmpty {
            directories.append(URL(fileURLWithPath: explicit, isDirectory: true))
        }
        if let first = CommandLine.arguments.first, !first.isEmpty {
            var url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            // `…/debug/KechuangPackageTests.xctest` (a file on Linux, a bundle on macOS).
            url.deleteLastPathComponent()
            while url.path.contains(".xctest") { url.deleteLastPathComponent() }
            directories.append(url)
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            directories.append(executable)
        }
        return directories
    }

    /// The path of the built executable `name`.
    /// - Throws: ``ServiceProcessError/binaryMissing(name:searched:)`` ("run swift build first").
    static func binaryURL(named name: String) throws -> URL {
        let directories = binaryDirectories()
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ServiceProcessError.binaryMissing(name: name, searched: directories.map(\.path))
    }
}
