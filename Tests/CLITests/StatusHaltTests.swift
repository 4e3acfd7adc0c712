import Contracts
import Foundation
import Testing
@testable import KechuangCLI

/// `kechuang status` turns a halted follower into a fault: marked in the details and the JSON, exit status 1.
@Suite struct StatusHaltTests {
    @Test func aHaltedFollowerMarksTheProbe() {
        let probe = StatusCommand.Probe(answered: true, details: "已应用 applied 5/5", fields: [("values", "3")])
        let healthy = StatusCommand.withHalts(
            [FollowerHealth(stream: "ingest", phase: "live", lastApplied: 5)], probe)
        #expect(healthy.halted == nil)
        #expect(healthy.details == probe.details)

        let halted = StatusCommand.withHalts(
            [FollowerHealth(stream: "ingest", phase: "halted", halt: "owner_behind", ownerHead: 3, lastApplied: 5)], probe)
        #expect(halted.halted?.contains("ingest: owner_behind (owner head 3 < applied 5)") == true)
        #expect(halted.details.hasPrefix("已停止应用 HALTED"))
        #expect(halted.fields.contains { $0.0 == "halted" && $0.1.contains("owner_behind") })
        #expect(StatusCommand.withHalts(nil, probe).halted == nil, "older services send no followers")
    }
}

/// `kechuang status` compares a follower with its owner's real head (asked in the same run), never with the head the
/// follower last heard of, and shows a failing apply as a fault.
@Suite struct StatusTruthTests {
    @Test func lagIsMeasuredAgainstTheOwnersAnswer() {
        var heads = StatusCommand.OwnerHeads()
        #expect(StatusCommand.lag(stream: "ingest", applied: 1200, heads: heads).text.contains("unknown"))
        #expect(StatusCommand.lag(stream: "ingest", applied: 1200, heads: heads).behind == nil)
        heads.heads["ingest"] = 23_200
        let behind = StatusCommand.lag(stream: "ingest", applied: 1200, heads: heads)
        #expect(behind.text == "落后 behind by 22000")
        #expect(behind.behind == 22_000)
        #expect(StatusCommand.lag(stream: "ingest", applied: 23_200, heads: heads).text == "已追上 caught up")
        let summary = StatusCommand.followerSummary([("ingest", 1200), ("scoring", 7)], heads: heads)
        #expect(summary.text == "ingest 1200/23200 落后 behind by 22000 · scoring 7/? 落后未知 behind: unknown (scoring did not answer)")
        #expect(summary.fields.contains { $0 == ("ingestBehind", "22000") })
        #expect(summary.fields.contains { $0 == ("scoringBehind", "null") })
    }

    @Test func aFailingApplyMarksTheProbe() {
        let probe = StatusCommand.Probe(answered: true, details: "已应用 applied …", fields: [])
        let healthy = StatusCommand.withHealth(
            [FollowerHealth(stream: "ingest", phase: "live", lastApplied: 5, applyFailures: 0)], probe)
        #expect(healthy.failing == nil)
        let failing = StatusCommand.withHealth(
            [FollowerHealth(stream: "ingest", phase: "catching_up", lastApplied: 5, knownHead: 9, failures: 3,
                            applyFailures: 3, lastError: "apply failed: SQLite error 13: database or disk is full")], probe)
        #expect(failing.failing?.contains("ingest: 3 failed in a row — apply failed: SQLite error 13") == true)
        #expect(failing.details.hasPrefix("应用失败 APPLY FAILING"))
        #expect(failing.fields.contains { $0.0 == "applyFailing" })
    }
}

/// `kechuang down` and `status` must not take a zombie supervisor for a live one.
@Suite struct SupervisorLivenessTests {
    @Test func zombiesAndDeadProcessesAreNotAlive() {
        #expect(SupervisorStateFile.isZombie(statLine: "1234 (kechuang) Z 1 1234 1234 0 -1"))
        #expect(SupervisorStateFile.isZombie(statLine: "1234 (kechuang up (x)) X 1 1234"))
        #expect(!SupervisorStateFile.isZombie(statLine: "1234 (kechuang) S 1 1234 1234 0 -1"))
        #expect(!SupervisorStateFile.isZombie(statLine: nil))
        #expect(SupervisorStateFile.isAlive(pid: getpid()))
        #expect(!SupervisorStateFile.isAlive(pid: 0))
    }

    @Test func aZombieChildIsNotAlive() {
        // A child that exited and was not reaped yet is a zombie: kill(pid, 0) still succeeds.
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("true"), nil]
        defer { arguments.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, arguments, nil) == 0)
        var info = siginfo_t()
        // Wait for the exit without reaping it (WNOWAIT), so the child stays a zombie.
        #expect(waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0)
        #expect(kill(pid, 0) == 0, "a zombie still answers signal 0")
        #expect(!SupervisorStateFile.isAlive(pid: pid))
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
