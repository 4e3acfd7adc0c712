/// The supervisor's decisions, with no I/O and no clock: events in (with the current time), actions out.
///
/// - Start: services start one at a time in table order; the next starts once every earlier one is ready.
/// - Readiness: a service that does not announce readiness within the policy's timeout is killed (it then counts
///   as crashed).
/// - Crash: ``CrashLoopPolicy`` decides — a restart after an exponential backoff (initial × 2ⁿ, capped at 60 s); a
///   run that stayed up for `stableAfter` resets the count; more than `maxRapidCrashes` crashes in a row make the
///   service crash-looping: it keeps being restarted at the cap and shows as failing while the others keep serving
///   (with `giveUpOnCrashLoop` the whole system stops instead and the supervisor exits with status 1). An exit with
///   code 78 (a cause a restart cannot cure) leaves the service failed without restarting it.
/// - Stop (Ctrl-C, SIGTERM, `kechuang down`): services stop one at a time in reverse order — SIGTERM, then SIGKILL
///   if the exit does not come within `stopTimeout`.
///
/// Times are offsets (`Duration`) from an arbitrary origin chosen by the caller; the caller arms one timer for
/// ``nextDeadline`` and feeds ``Event/timer`` when it fires.
struct SupervisorStateMachine: Sendable {
    /// The supervisor's overall phase.
    enum Phase: String, Sendable, Hashable {
        /// Created, not started.
        case idle
        /// Starting services in order.
        case starting
        /// Every service has been ready once.
        case running
        /// Stopping in reverse order.
        case stopping
        /// Everything stopped.
        case finished
    }

    /// One service's phase.
    enum ServicePhase: Sendable, Hashable {
        /// Not started yet.
        case waiting
        /// Process started, readiness not announced yet.
        case starting
        /// Readiness announced.
        case ready
        /// Crashed; restarts at `until`. `crashLooping` once it crashed more than `maxRapidCrashes` times in a row:
        /// it is shown as failing but keeps being retried.
        case backingOff(until: Duration, crashLooping: Bool)
        /// SIGTERM sent at stop; SIGKILL at `deadline` unless it exits (`killed` once SIGKILL was sent).
        case stopping(deadline: Duration, killed: Bool)
        /// Stopped (or never started before a stop).
        case stopped
        /// Not restarted: it exited with a cause a restart cannot cure, or the supervisor gave up on it.
        case failed

        /// `等待 waiting`, `就绪 ready` …
        var label: String {
            switch self {
            case .waiting: "等待 waiting"
            case .starting: "启动中 starting"
            case .ready: "就绪 ready"
            case .backingOff(_, crashLooping: false): "重启等待 restarting"
            case .backingOff(_, crashLooping: true): "崩溃循环 crash-looping"
            case .stopping: "停止中 stopping"
            case .stopped: "已停止 stopped"
            case .failed: "失败 failed"
            }
        }
    }

    /// What the supervisor knows about one service.
    struct ServiceState: Sendable, Hashable {
        /// The service's name.
        var name: String
        /// Its phase.
        var phase: ServicePhase = .waiting
        /// The current (or last) process id.
        var pid: Int32?
        /// Restarts after crashes so far.
        var restarts = 0
        /// Crashes in a row without a stable run.
        var rapidCrashes: Int { crashes.rapidCrashes }
        /// The crash record ``CrashLoopPolicy`` keeps.
        var crashes = CrashLoopPolicy.Record()
        /// When the current process started.
        var startedAt: Duration?
        /// When the current process announced readiness.
        var readyAt: Duration?
        /// Readiness must come before this (while starting), or the process is killed.
        var readinessDeadline: Duration?
        /// How the last process ended.
        var lastExit: ExitStatus?
        /// Endpoints from its readiness line.
        var endpoints: [String: String] = [:]
    }

    /// Inputs.
    enum Event: Sendable, Hashable {
        /// Begin starting services.
        case start
        /// The process of `service` was launched with `pid`.
        case spawned(service: String, pid: Int32)
        /// Launching `service` failed.
        case spawnFailed(service: String, reason: String)
        /// `service` (process `pid`) announced readiness with its endpoints.
        case ready(service: String, pid: Int32, endpoints: [String: String])
        /// The process `pid` of `service` ended.
        case exited(service: String, pid: Int32, status: ExitStatus)
        /// Stop everything (signal or `kechuang down`); a second request while stopping sends SIGKILL to the
        /// service being stopped at once instead of waiting for its stop timeout.
        case stopRequested
        /// The timer armed for ``nextDeadline`` fired.
        case timer
    }

    /// Signals the supervisor sends.
    enum Signal: String, Sendable, Hashable {
        /// Graceful stop.
        case terminate = "SIGTERM"
        /// Forced stop.
        case kill = "SIGKILL"
    }

    /// Outputs, performed by the caller in order.
    enum Action: Sendable, Hashable {
        /// Launch the service's process, then feed ``Event/spawned(service:pid:)`` or ``Event/spawnFailed(service:reason:)``.
        case spawn(service: String)
        /// Send `signal` to process `pid` of `service`.
        case signal(service: String, pid: Int32, signal: Signal)
        /// A service's state changed: show its status line and rewrite the state file.
        case statusChanged(service: String)
        /// Every service is ready (emitted once, at the end of the first start).
        case allReady
        /// Something worth telling the operator.
        case notice(String)
        /// Everything stopped: exit with `code`.
        case finished(exitCode: Int32)
    }

    /// The rules.
    let policy: SupervisorPolicy
    /// Services in start order.
    private(set) var services: [ServiceState]
    /// The overall phase.
    private(set) var phase: Phase = .idle
    /// The exit code once finished (1 after giving up on a service).
    private(set) var exitCode: Int32 = 0
    private var announcedReady = false

    /// Creates a machine for `serviceNames` (start order).
    init(serviceNames: [String], policy: SupervisorPolicy = SupervisorPolicy()) {
        self.policy = policy
        self.services = serviceNames.map { ServiceState(name: $0) }
    }

    /// The state of `name`.
    func service(_ name: String) -> ServiceState? {
        services.first { $0.name == name }
    }

    /// The earliest time something is due (readiness deadline, restart, SIGKILL), if any.
    var nextDeadline: Duration? {
        var deadlines: [Duration] = []
        for service in services {
            switch service.phase {
            case .starting:
                if let deadline = service.readinessDeadline { deadlines.append(deadline) }
            case let .backingOff(until, _):
                if phase != .stopping { deadlines.append(until) }
            case let .stopping(deadline, killed):
                if !killed { deadlines.append(deadline) }
            default:
                break
            }
        }
        return deadlines.min()
    }

    /// Handles `event` at time `now` and returns the actions to perform.
    mutating func handle(_ event: Event, now: Duration) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .start:
            guard phase == .idle else { break }
            phase = .starting
            startNext(now: now, &actions)
        case let .spawned(name, pid):
            update(name) { service in
                service.pid = pid
                service.startedAt = now
            }
            actions.append(.statusChanged(service: name))
        case let .spawnFailed(name, reason):
            actions.append(.notice("\(name): 启动失败 cannot start: \(reason)"))
            crashed(name, status: nil, now: now, &actions)
        case let .ready(name, pid, endpoints):
            guard let index = index(of: name), services[index].pid == pid, services[index].phase == .starting else { break }
            services[index].phase = .ready
            services[index].readyAt = now
            services[index].readinessDeadline = nil
            services[index].endpoints = endpoints
            actions.append(.statusChanged(service: name))
            if phase == .starting { startNext(now: now, &actions) }
        case let .exited(name, pid, status):
            guard let index = index(of: name), services[index].pid == pid else { break }
            services[index].lastExit = status
            switch services[index].phase {
            case .stopping:
                services[index].phase = .stopped
                actions.append(.statusChanged(service: name))
                stopNext(now: now, &actions)
            case .starting, .ready:
                if phase == .stopping {
                    // Ended on its own while others were being stopped.
                    services[index].phase = .stopped
                    actions.append(.statusChanged(service: name))
                    stopNext(now: now, &actions)
                } else {
                    actions.append(.notice("\(name) (pid \(pid)) 意外退出 exited unexpectedly: \(status)"))
                    crashed(name, status: status, now: now, &actions)
                }
            default:
                break
            }
        case .stopRequested:
            if phase == .stopping {
                for index in services.indices {
                    if case let .stopping(deadline, killed) = services[index].phase, !killed, let pid = services[index].pid {
                        services[index].phase = .stopping(deadline: deadline, killed: true)
                        actions.append(.notice("\(services[index].name): 再次收到停止请求 second stop request; SIGKILL"))
                        actions.append(.signal(service: services[index].name, pid: pid, signal: .kill))
                    }
                }
                break
            }
            guard phase != .finished else { break }
            beginStop(now: now, &actions)
        case .timer:
            fireTimers(now: now, &actions)
        }
        return actions
    }

    // MARK: Start and restart

    private mutating func startNext(now: Duration, _ actions: inout [Action]) {
        for index in services.indices {
            switch services[index].phase {
            case .ready, .failed, .stopped, .backingOff(_, crashLooping: true):
                // A crash-looping service does not hold up the ones after it (they cope with an absent upstream).
                continue
            case .waiting:
                launch(index, now: now, &actions)
                return
            default:
                // An earlier service is still starting or restarting: wait for it.
                return
            }
        }
        if services.allSatisfy({ $0.phase == .ready }) {
            phase = .running
            if !announcedReady {
                announcedReady = true
                actions.append(.allReady)
            }
        }
    }

    private mutating func launch(_ index: Int, now: Duration, _ actions: inout [Action]) {
        services[index].phase = .starting
        services[index].pid = nil
        services[index].readyAt = nil
        services[index].startedAt = now
        services[index].readinessDeadline = now + policy.readinessTimeout
        actions.append(.statusChanged(service: services[index].name))
        actions.append(.spawn(service: services[index].name))
    }

    private mutating func crashed(_ name: String, status: ExitStatus?, now: Duration, _ actions: inout [Action]) {
        guard let index = index(of: name) else { return }
        if phase == .stopping {
            services[index].phase = .stopped
            actions.append(.statusChanged(service: name))
            stopNext(now: now, &actions)
            return
        }
        services[index].readinessDeadline = nil
        let readyAt = services[index].readyAt
        var crashes = services[index].crashes
        let decision = CrashLoopPolicy(policy: policy).decide(&crashes, exit: status, readyAt: readyAt, now: now)
        services[index].crashes = crashes
        switch decision {
        case .stopService:
            services[index].phase = .failed
            actions.append(.statusChanged(service: name))
            actions.append(.notice(
                "\(name): 退出码 \(CrashLoopPolicy.permanentFailureExitCode) 表示重启无法解决 exit code "
                    + "\(CrashLoopPolicy.permanentFailureExitCode) means a restart cannot cure the cause; not restarting it "
                    + "(see its log), the other services keep running"))
            if phase == .starting { startNext(now: now, &actions) }
        case .stopEverything:
            services[index].phase = .failed
            actions.append(.statusChanged(service: name))
            actions.append(.notice("\(name): \(services[index].rapidCrashes - 1) 次重启后仍崩溃，放弃 gave up after \(services[index].rapidCrashes - 1) restarts (giveUpOnCrashLoop)"))
            exitCode = 1
            beginStop(now: now, &actions)
        case let .restart(delay, crashLooping):
            services[index].phase = .backingOff(until: now + delay, crashLooping: crashLooping)
            actions.append(.statusChanged(service: name))
            if crashLooping {
                actions.append(.notice(
                    "\(name): 崩溃循环 crash-looping (\(services[index].rapidCrashes) crashes in a row); "
                        + "将在 \(Self.describe(delay)) 后重试 retrying in \(Self.describe(delay)); the other services keep running"))
                if phase == .starting { startNext(now: now, &actions) }
            } else {
                actions.append(.notice("\(name): 将在 \(Self.describe(delay)) 后重启 restarting in \(Self.describe(delay))"))
            }
        }
    }

    private mutating func fireTimers(now: Duration, _ actions: inout [Action]) {
        for index in services.indices {
            switch services[index].phase {
            case .starting:
                if let deadline = services[index].readinessDeadline, deadline <= now, let pid = services[index].pid {
                    services[index].readinessDeadline = nil
                    actions.append(.notice("\(services[index].name): 未在时限内就绪 not ready within \(Self.describe(policy.readinessTimeout)); killing pid \(pid)"))
                    actions.append(.signal(service: services[index].name, pid: pid, signal: .kill))
                }
            case let .backingOff(until, _):
                if until <= now, phase != .stopping {
                    services[index].restarts += 1
                    launch(index, now: now, &actions)
                }
            case let .stopping(deadline, killed):
                if !killed, deadline <= now, let pid = services[index].pid {
                    services[index].phase = .stopping(deadline: deadline, killed: true)
                    actions.append(.notice("\(services[index].name): 未在时限内退出 did not exit within \(Self.describe(policy.stopTimeout)); SIGKILL"))
                    actions.append(.signal(service: services[index].name, pid: pid, signal: .kill))
                }
            default:
                break
            }
        }
    }

    // MARK: Stop

    private mutating func beginStop(now: Duration, _ actions: inout [Action]) {
        phase = .stopping
        stopNext(now: now, &actions)
    }

    /// Stops the last service still running; services without a process are marked stopped on the way.
    private mutating func stopNext(now: Duration, _ actions: inout [Action]) {
        for index in services.indices.reversed() {
            switch services[index].phase {
            case .stopped, .failed:
                continue
            case .stopping:
                return
            case .starting, .ready:
                guard let pid = services[index].pid else {
                    services[index].phase = .stopped
                    actions.append(.statusChanged(service: services[index].name))
                    continue
                }
                services[index].phase = .stopping(deadline: now + policy.stopTimeout, killed: false)
                services[index].readinessDeadline = nil
                actions.append(.statusChanged(service: services[index].name))
                actions.append(.signal(service: services[index].name, pid: pid, signal: .terminate))
                return
            case .waiting, .backingOff:
                services[index].phase = .stopped
                actions.append(.statusChanged(service: services[index].name))
            }
        }
        if phase != .finished {
            phase = .finished
            actions.append(.finished(exitCode: exitCode))
        }
    }

    // MARK: Helpers

    private func index(of name: String) -> Int? {
        services.firstIndex { $0.name == name }
    }

    private mutating func update(_ name: String, _ change: (inout ServiceState) -> Void) {
        if let index = index(of: name) { change(&services[index]) }
    }

    /// `250 ms`, `2 s`.
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
