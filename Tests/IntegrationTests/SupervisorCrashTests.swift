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
        let ingest = try #require(try system.pid(of: "ingest"))
        let metrics = try #require(try system.pid(of: "metrics"))
        await system.supervisor.kill()
        #expect(system.supervisor.exitStatus != nil, "the supervisor survived SIGKILL")

        let ingestEnded = try await ProcessExitWatch.waitForExit(of: ingest, timeout: .seconds(30))
        let metricsEnded = try await ProcessExitWatch.waitForExit(of: metrics, timeout: .seconds(30))
        #expect(ingestEnded, "kechuang-ingest (pid \(ingest)) outlived its supervisor")
        #expect(metricsEnded, "kechuang-metrics (pid \(metrics)) outlived its supervisor")
        if !ingestEnded { kill(ingest, SIGKILL) }
        if !metricsEnded { kill(metrics, SIGKILL) }
        guard ingestEnded, metricsEnded else { return }

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
            environment: ["KECHUANG_BIN_DIR": try EndToEndSystem.binDirectory()], readyTimeout: .seconds(90))
        #expect(try await again.stop(timeout: .seconds(60)) == 0)
    }
}
