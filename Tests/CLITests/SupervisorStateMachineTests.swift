import Testing
@testable import KechuangCLI

@Suite("Supervisor state machine")
struct SupervisorStateMachineTests {
    private func policy() -> SupervisorPolicy {
        var policy = SupervisorPolicy()
        policy.initialBackoffMilliseconds = 100
        policy.maxBackoffMilliseconds = 1_000
        policy.stableAfterMilliseconds = 10_000
        policy.maxRapidCrashes = 3
        policy.readinessTimeoutMilliseconds = 5_000
        policy.stopTimeoutMilliseconds = 2_000
        return policy
    }

    private func spawns(_ actions: [SupervisorStateMachine.Action]) -> [String] {
        actions.compactMap { if case let .spawn(name) = $0 { name } else { nil } }
    }

    private func signals(_ actions: [SupervisorStateMachine.Action]) -> [String] {
        actions.compactMap { if case let .signal(name, pid, signal) = $0 { "\(name):\(pid):\(signal.rawValue)" } else { nil } }
    }

    private func ms(_ value: Int) -> Duration { .milliseconds(value) }

    /// Starts ingest (pid 10) and metrics (pid 20) and makes both ready.
    private func running(giveUpOnCrashLoop: Bool = false) -> SupervisorStateMachine {
        var policy = policy()
        policy.giveUpOnCrashLoop = giveUpOnCrashLoop
        var machine = SupervisorStateMachine(serviceNames: ["ingest", "metrics"], policy: policy)
        _ = machine.handle(.start, now: ms(0))
        _ = machine.handle(.spawned(service: "ingest", pid: 10), now: ms(0))
        _ = machine.handle(.ready(service: "ingest", pid: 10, endpoints: [:]), now: ms(10))
        _ = machine.handle(.spawned(service: "metrics", pid: 20), now: ms(10))
        _ = machine.handle(.ready(service: "metrics", pid: 20, endpoints: [:]), now: ms(20))
        return machine
    }

    @Test func startsInOrderAndWaitsForReadiness() {
        var machine = SupervisorStateMachine(serviceNames: ["ingest", "metrics"], policy: policy())
        #expect(spawns(machine.handle(.start, now: ms(0))) == ["ingest"])
        #expect(spawns(machine.handle(.spawned(service: "ingest", pid: 10), now: ms(0))).isEmpty)
        // Nothing else starts before ingest is ready, however long it takes (short of the timeout).
        #expect(spawns(machine.handle(.timer, now: ms(4_000))).isEmpty)
        // A readiness line from another pid is ignored.
        #expect(spawns(machine.handle(.ready(service: "ingest", pid: 99, endpoints: [:]), now: ms(4_100))).isEmpty)
        let afterReady = machine.handle(.ready(service: "ingest", pid: 10, endpoints: ["ingest.req": "ipc:///r/ingest.req"]), now: ms(4_200))
        #expect(spawns(afterReady) == ["metrics"])
        #expect(machine.service("ingest")?.endpoints["ingest.req"] == "ipc:///r/ingest.req")
        _ = machine.handle(.spawned(service: "metrics", pid: 20), now: ms(4_200))
        let allReady = machine.handle(.ready(service: "metrics", pid: 20, endpoints: [:]), now: ms(4_300))
        #expect(allReady.contains(.allReady))
        #expect(machine.phase == .running)
        #expect(machine.nextDeadline == nil)
    }

    @Test func crashRestartsWithDoublingBackoff() {
        var machine = running()
        var now = 1_000
        var expectedDelays: [Int] = []
        for attempt in 1...3 {
            let pid = Int32(100 + attempt)
            let current = machine.service("metrics")?.pid ?? 0
            let actions = machine.handle(.exited(service: "metrics", pid: current, status: .signaled(9)), now: ms(now))
            #expect(spawns(actions).isEmpty, "no immediate restart")
            let delay = 100 << (attempt - 1)
            expectedDelays.append(delay)
            #expect(machine.nextDeadline == ms(now + delay))
            // Not yet due.
            #expect(spawns(machine.handle(.timer, now: ms(now + delay - 1))).isEmpty)
            #expect(spawns(machine.handle(.timer, now: ms(now + delay))) == ["metrics"])
            _ = machine.handle(.spawned(service: "metrics", pid: pid), now: ms(now + delay))
            _ = machine.handle(.ready(service: "metrics", pid: pid, endpoints: [:]), now: ms(now + delay + 5))
            now += delay + 100
        }
        #expect(expectedDelays == [100, 200, 400])
        #expect(machine.service("metrics")?.restarts == 3)
        #expect(machine.service("ingest")?.pid == 10, "other services are untouched")
    }

    @Test func backoffIsCapped() {
        var policy = policy()
        policy.maxBackoffMilliseconds = 300
        #expect(policy.backoff(afterCrashes: 1) == ms(100))
        #expect(policy.backoff(afterCrashes: 2) == ms(200))
        #expect(policy.backoff(afterCrashes: 3) == ms(300))
        #expect(policy.backoff(afterCrashes: 30) == ms(300))
    }

    @Test func stableRunResetsTheCrashCount() {
        var machine = running()
        _ = machine.handle(.exited(service: "ingest", pid: 10, status: .exited(1)), now: ms(1_000))
        _ = machine.handle(.timer, now: ms(1_100))
        _ = machine.handle(.spawned(service: "ingest", pid: 11), now: ms(1_100))
        _ = machine.handle(.ready(service: "ingest", pid: 11, endpoints: [:]), now: ms(1_200))
        #expect(machine.service("ingest")?.rapidCrashes == 1)
        // Up for longer than stableAfter: the next crash starts again from the initial backoff.
        _ = machine.handle(.exited(service: "ingest", pid: 11, status: .exited(1)), now: ms(20_000))
        #expect(machine.service("ingest")?.rapidCrashes == 1)
        #expect(machine.nextDeadline == ms(20_100))
    }

    @Test func givesUpAfterTooManyRapidCrashesAndStopsEverythingWhenConfiguredTo() {
        var machine = running(giveUpOnCrashLoop: true)
        var now = 1_000
        var pid: Int32 = 20
        var last: [SupervisorStateMachine.Action] = []
        for attempt in 1...4 {
            last = machine.handle(.exited(service: "metrics", pid: pid, status: .exited(2)), now: ms(now))
            if attempt == 4 { break }
            now += 100 << (attempt - 1)
            _ = machine.handle(.timer, now: ms(now))
            pid += 1
            _ = machine.handle(.spawned(service: "metrics", pid: pid), now: ms(now))
        }
        #expect(machine.service("metrics")?.phase == .failed)
        #expect(machine.phase == .stopping)
        #expect(signals(last) == ["ingest:10:SIGTERM"])
        let done = machine.handle(.exited(service: "ingest", pid: 10, status: .exited(0)), now: ms(now + 50))
        #expect(done.contains(.finished(exitCode: 1)))
        #expect(machine.phase == .finished)
    }

    @Test func readinessTimeoutKillsAndCountsAsCrash() {
        var machine = SupervisorStateMachine(serviceNames: ["ingest"], policy: policy())
        _ = machine.handle(.start, now: ms(0))
        _ = machine.handle(.spawned(service: "ingest", pid: 10), now: ms(0))
        #expect(machine.nextDeadline == ms(5_000))
        #expect(signals(machine.handle(.timer, now: ms(5_000))) == ["ingest:10:SIGKILL"])
        _ = machine.handle(.exited(service: "ingest", pid: 10, status: .signaled(9)), now: ms(5_010))
        #expect(machine.service("ingest")?.rapidCrashes == 1)
        #expect(spawns(machine.handle(.timer, now: ms(5_110))) == ["ingest"])
    }

    @Test func stopsInReverseOrderWithKillAfterTimeout() {
        var machine = running()
        let first = machine.handle(.stopRequested, now: ms(1_000))
        #expect(signals(first) == ["metrics:20:SIGTERM"], "the last started stops first")
        #expect(machine.nextDeadline == ms(3_000))
        // metrics does not exit in time: SIGKILL.
        #expect(signals(machine.handle(.timer, now: ms(3_000))) == ["metrics:20:SIGKILL"])
        // Once killed, neither the timer nor another stop request signals again.
        #expect(signals(machine.handle(.timer, now: ms(3_005))).isEmpty)
        #expect(signals(machine.handle(.stopRequested, now: ms(3_006))).isEmpty)
        let second = machine.handle(.exited(service: "metrics", pid: 20, status: .signaled(9)), now: ms(3_010))
        #expect(signals(second) == ["ingest:10:SIGTERM"])
        let done = machine.handle(.exited(service: "ingest", pid: 10, status: .exited(0)), now: ms(3_100))
        #expect(done.contains(.finished(exitCode: 0)))
        #expect(machine.service("ingest")?.phase == .stopped)
        #expect(machine.service("metrics")?.phase == .stopped)
    }

    @Test func secondStopRequestKillsTheServiceBeingStopped() {
        var machine = running()
        #expect(signals(machine.handle(.stopRequested, now: ms(1_000))) == ["metrics:20:SIGTERM"])
        #expect(signals(machine.handle(.stopRequested, now: ms(1_200))) == ["metrics:20:SIGKILL"])
        #expect(machine.nextDeadline == nil)
        let next = machine.handle(.exited(service: "metrics", pid: 20, status: .signaled(9)), now: ms(1_300))
        #expect(signals(next) == ["ingest:10:SIGTERM"], "the remaining services still stop gracefully")
    }

    @Test func stopDuringStartupSkipsServicesNotStartedAndNoRestartWhileStopping() {
        var machine = SupervisorStateMachine(serviceNames: ["ingest", "metrics"], policy: policy())
        _ = machine.handle(.start, now: ms(0))
        _ = machine.handle(.spawned(service: "ingest", pid: 10), now: ms(0))
        let actions = machine.handle(.stopRequested, now: ms(50))
        #expect(signals(actions) == ["ingest:10:SIGTERM"])
        #expect(machine.service("metrics")?.phase == .stopped)
        let done = machine.handle(.exited(service: "ingest", pid: 10, status: .signaled(15)), now: ms(60))
        #expect(spawns(done).isEmpty)
        #expect(done.contains(.finished(exitCode: 0)))
    }

    @Test func spawnFailureBacksOff() {
        var machine = SupervisorStateMachine(serviceNames: ["ingest"], policy: policy())
        _ = machine.handle(.start, now: ms(0))
        let actions = machine.handle(.spawnFailed(service: "ingest", reason: "missing"), now: ms(0))
        #expect(actions.contains { if case .notice = $0 { true } else { false } })
        #expect(machine.nextDeadline == ms(100))
    }

    /// By default a crash-looping service keeps backing off (capped) and shows as failing; the others keep serving.
    @Test func aCrashLoopingServiceKeepsBackingOffWhileTheOthersServe() throws {
        var machine = running()
        var now = 1_000
        var pid: Int32 = 20
        var delays: [Int] = []
        for _ in 1...8 {
            _ = machine.handle(.exited(service: "metrics", pid: pid, status: .signaled(9)), now: ms(now))
            let deadline = try #require(machine.nextDeadline)
            let delay = Int((deadline - ms(now)).components.seconds * 1000 + (deadline - ms(now)).components.attoseconds / 1_000_000_000_000_000)
            delays.append(delay)
            now += delay
            #expect(spawns(machine.handle(.timer, now: ms(now))) == ["metrics"])
            pid += 1
            _ = machine.handle(.spawned(service: "metrics", pid: pid), now: ms(now))
        }
        // 100, 200, 400, 800, then the 1 s cap — never a give-up.
        #expect(delays == [100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000])
        #expect(machine.phase == .running)
        #expect(machine.service("ingest")?.phase == .ready, "the others keep serving")
        _ = machine.handle(.exited(service: "metrics", pid: pid, status: .signaled(9)), now: ms(now))
        let phase = try #require(machine.service("metrics")?.phase)
        #expect(phase.label == "崩溃循环 crash-looping")
        #expect(Supervisor.stateName(phase) == "crash-looping")
        // A stable run after readiness ends the loop.
        now += 1_000
        _ = machine.handle(.timer, now: ms(now))
        pid += 1
        _ = machine.handle(.spawned(service: "metrics", pid: pid), now: ms(now))
        _ = machine.handle(.ready(service: "metrics", pid: pid, endpoints: [:]), now: ms(now))
        _ = machine.handle(.exited(service: "metrics", pid: pid, status: .signaled(9)), now: ms(now + 10_000))
        #expect(machine.service("metrics")?.phase == .backingOff(until: ms(now + 10_100), crashLooping: false))
    }

    /// Exit code 78: a restart cannot cure the cause — not restarted, nothing else stopped.
    @Test func aPermanentFailureIsNotRestarted() {
        var machine = running()
        let actions = machine.handle(.exited(service: "metrics", pid: 20, status: .exited(78)), now: ms(1_000))
        #expect(machine.service("metrics")?.phase == .failed)
        #expect(spawns(actions).isEmpty)
        #expect(signals(actions).isEmpty)
        #expect(machine.nextDeadline == nil)
        #expect(machine.phase == .running)
    }

    /// The crash policy alone, with an injected clock (plain instants).
    @Test func crashLoopPolicyWithAnInjectedClock() {
        var policy = policy()
        policy.maxBackoffMilliseconds = 60_000
        policy.initialBackoffMilliseconds = 250
        policy.maxRapidCrashes = 5
        let rule = CrashLoopPolicy(policy: policy)
        var record = CrashLoopPolicy.Record()
        var decisions: [CrashLoopPolicy.Decision] = []
        for crash in 0..<10 {
            decisions.append(rule.decide(&record, exit: .signaled(9), readyAt: ms(crash * 100), now: ms(crash * 100 + 50)))
        }
        #expect(decisions.prefix(5) == [
            .restart(after: ms(250), crashLooping: false), .restart(after: ms(500), crashLooping: false),
            .restart(after: ms(1_000), crashLooping: false), .restart(after: ms(2_000), crashLooping: false),
            .restart(after: ms(4_000), crashLooping: false),
        ])
        #expect(decisions[5] == .restart(after: ms(8_000), crashLooping: true))
        #expect(decisions[8] == .restart(after: ms(60_000), crashLooping: true))
        #expect(decisions[9] == .restart(after: ms(60_000), crashLooping: true))
        // Up for stableAfter after readiness: the record starts again.
        #expect(rule.decide(&record, exit: .exited(1), readyAt: ms(0), now: ms(10_000)) == .restart(after: ms(250), crashLooping: false))
        // Give-up stays available.
        policy.giveUpOnCrashLoop = true
        var again = CrashLoopPolicy.Record(rapidCrashes: 5)
        #expect(CrashLoopPolicy(policy: policy).decide(&again, exit: nil, readyAt: nil, now: ms(0)) == .stopEverything)
        #expect(rule.decide(&again, exit: .exited(78), readyAt: nil, now: ms(0)) == .stopService)
    }
}
