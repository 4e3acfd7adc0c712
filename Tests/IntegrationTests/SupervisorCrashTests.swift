import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `kechuang up` that dies without cleaning up (SIGKILL) must not leave its services behind holding the
/// endpoints: each service watches the supervisor (`KECHUANG_SUPERVISOR_PID`) and shuts down once it is gone.
@Suite("kechuang up killed with SIGKILL")
struct SupervisorCrashTests {
    @Test func servicesEndAndReleaseTheirEndpointsWhenTheSupervisorIsKilled() async throws {
        let system = try await EndToEndSystem.start()
        defer { system.directory.remove() }
        var pids: [(name: String, pid: Int32)] = []
        for name in ["ingest", "metrics", "scoring"] {
            pids.append((name, try #require(try system.pid(of: name))))
        }
        await system.supervisor.kill()
        #expect(system.supervisor.exitStatus != nil, "the supervisor survived SIGKILL")

        var allEnded = true
        for (name, pid) in pids {
            let ended = try await ProcessExitWatch.waitForExit(of: pid, timeout: .seconds(30))
            #expect(ended, "kechuang-\(name) (pid \(pid)) outlived its supervisor")
            if !ended {
                kill(pid, SIGKILL)
                allEnded = false
            }
        }
        guard allEnded else { return }

        // Their last words reached their own log files (they write them themselves, not through the dead
        // supervisor's pipe).
        for (name, _) in pids {
            let log = try String(contentsOfFile: system.directory.home + "/logs/\(name).log", encoding: .utf8)
            #expect(log.contains("supervisor is gone; shutting down"), "\(name).log lacks the shutdown line")
        }

        // `kechuang status` says what happened and what to do.
        let status = try await system.run(["status"])
        #expect(status.stderr.contains { $0.contains("the supervisor (pid") && $0.contains("is gone") })
        #expect(status.stderr.contains { $0.contains("`kechuang up`") })

        // Every endpoint lock is free again (a graceful shutdown also removes the lock files).
        let run = system.directory.runDirectory
        let locks = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasSuffix(".lock") }
        for lock in locks {
            let descriptor = open(run + "/" + lock, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0, "\(lock) is still held")
        }

        // So a new supervisor starts on the same directories.
        let again = try await ServiceProcess.start(
            "kechuang", arguments: ["up"] + system.directory.serviceArguments,
            environment: try EndToEndSystem.supervisorEnvironment(), readyTimeout: .seconds(90))
        #expect(try await again.stop(timeout: .seconds(60)) == 0)
    }
}
