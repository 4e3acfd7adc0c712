import ArgumentParser
import Foundation
import ServiceKit

/// `kechuang down`: asks a running `kechuang up` to stop everything (SIGTERM to the supervisor) and waits.
struct DownCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop the supervisor and every service (停止全部服务).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Seconds to wait for everything to stop.")
    var timeout: Double = 60

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let directories = try KechuangDirectories.resolve(
            home: common.home, runDirectory: common.runDirectory, dataDirectory: common.dataDirectory,
            resolver: ConfigResolver())
        let runDirectory = directories.runDirectory.value
        guard let state = try SupervisorStateFile.read(runDirectory: runDirectory) else {
            throw CLIError.supervisorNotRunning(stateFile: SupervisorStateFile.path(runDirectory: runDirectory))
        }
        guard state.isSupervisorAlive else {
            try? FileManager.default.removeItem(atPath: SupervisorStateFile.path(runDirectory: runDirectory))
            throw CLIError.supervisorNotRunning(stateFile: SupervisorStateFile.path(runDirectory: runDirectory) + " was stale")
        }
        guard kill(state.pid, SIGTERM) == 0 else {
            throw CLIError.invalidArgument(name: "supervisor pid", value: String(state.pid), expected: "a process this user may signal")
        }
        print("已请求停止 stop requested (supervisor pid \(state.pid)); 等待 waiting…")
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        // The supervisor is not our child: poll its existence (kill 0) until it is gone.
        while state.isSupervisorAlive {
            if ContinuousClock.now >= deadline {
                print("监管进程仍在运行 supervisor still running after \(timeout) s")
                throw ExitCode(1)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        print("已停止 stopped")
    }
}
