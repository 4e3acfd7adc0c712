import Foundation

/// `<run dir>/supervisor.json`: what `kechuang status` and `kechuang down` read from another terminal.
/// Rewritten atomically on every change while `kechuang up` runs; removed when it exits.
struct SupervisorStateFile: Codable, Sendable, Hashable {
    /// One service's entry.
    struct Service: Codable, Sendable, Hashable {
        /// Service name.
        var name: String
        /// Executable path.
        var executable: String
        /// Current state label (`ready`, `starting`, `restarting` …).
        var state: String
        /// Current process id, if running.
        var pid: Int32?
        /// Restarts after crashes.
        var restarts: Int
        /// Endpoints (from its readiness line, else the configured ones).
        var endpoints: [String: String]
        /// Its log file.
        var logFile: String
        /// How its last process ended, if one did.
        var lastExit: String?
    }

    /// The file name inside the run directory.
    static let fileName = "supervisor.json"

    /// The supervisor's process id (`kechuang down` sends it SIGTERM).
    var pid: Int32
    /// Supervisor phase (`starting`, `running`, `stopping`).
    var phase: String
    /// When it started (ISO 8601).
    var startedAt: String
    /// Kechuang home.
    var home: String
    /// Run directory (sockets).
    var runDirectory: String
    /// Data directory (databases).
    var dataDirectory: String
    /// Log directory.
    var logDirectory: String
    /// Services in start order.
    var services: [Service]

    /// The path of the state file in `runDirectory`.
    static func path(runDirectory: String) -> String {
        (runDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Reads the state file, or `nil` when there is none.
    static func read(runDirectory: String) throws -> SupervisorStateFile? {
        let path = path(runDirectory: runDirectory)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(SupervisorStateFile.self, from: data)
        } catch {
            throw CLIError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes the file atomically (mode 0600 inside the 0700 run directory).
    func write() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = Self.path(runDirectory: runDirectory)
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
            // 0600 even if the umask is looser (`kechuang up` sets 077, callers in tests may not).
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw CLIError.writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Whether process `pid` exists and is not a zombie (a supervisor that died while its parent has not reaped it
    /// is gone for every purpose: it answers no signal and will never remove its state file).
    var isSupervisorAlive: Bool {
        Self.isAlive(pid: pid)
    }

    /// Whether `pid` names a live (running or sleeping, not zombie) process.
    static func isAlive(pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        return !isZombie(statLine: try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))
    }

    /// Whether a `/proc/<pid>/stat` line shows a zombie (`Z`) or dead (`X`) process. The state is the first field
    /// after the parenthesised command name (which may itself contain spaces and parentheses).
    static func isZombie(statLine: String?) -> Bool {
        guard let statLine, let close = statLine.lastIndex(of: ")") else { return false }
        let rest = statLine[statLine.index(after: close)...].drop { $0 == " " }
        guard let state = rest.first else { return false }
        return state == "Z" || state == "X"
    }
}
