import Dispatch
import Foundation
import ServiceKit
import ZeroMQ

/// The I/O shell around ``SupervisorStateMachine``: launches processes, reads their readiness lines, arms the
/// timer, handles SIGINT/SIGTERM, prints status lines and keeps `<run dir>/supervisor.json` current.
///
/// Concurrency: every mutable member is confined to the serial `queue` (process callbacks, reader threads, the
/// timer and signal sources all hop onto it), which is why the class is `@unchecked Sendable`.
final class Supervisor: @unchecked Sendable {
    private let settings: SupervisorSettings
    private let queue = DispatchQueue(label: "kechuang.supervisor")
    private let origin = ContinuousClock.now
    private let startedAt = Date()
    private var machine: SupervisorStateMachine
    private var children: [String: ChildProcess] = [:]
    private var logs: [String: LineLog] = [:]
    private var timer: (any DispatchSourceTimer)?
    private var signalSources: [any DispatchSourceSignal] = []
    private var lastStatusLine: [String: String] = [:]
    private var completion: CheckedContinuation<Int32, Never>?
    private var finishedCode: Int32?

    /// Creates a supervisor; nothing starts before ``run()``.
    init(settings: SupervisorSettings) {
        self.settings = settings
        self.machine = SupervisorStateMachine(serviceNames: settings.services.map(\.name), policy: settings.policy)
    }

    /// Starts every service and returns the exit code once everything stopped (after a signal or giving up).
    func run() async throws -> Int32 {
        for service in settings.services {
            let path = (settings.logDirectory as NSString).appendingPathComponent(service.name + ".log")
            logs[service.name] = try LineLog(path: path, service: service.name, echo: settings.logToTerminal)
        }
        return await withCheckedContinuation { continuation in
            queue.async {
                self.completion = continuation
                self.installSignalHandlers()
                self.say("启动 starting \(self.settings.services.map(\.name).joined(separator: " → ")) · 日志 logs \(self.settings.logDirectory)")
                self.dispatch(.start)
            }
        }
    }

    // MARK: Event loop (on `queue`)

    private var now: Duration { ContinuousClock.now - origin }

    private func dispatch(_ event: SupervisorStateMachine.Event) {
        dispatchPrecondition(condition: .onQueue(queue))
        var work: [SupervisorStateMachine.Event] = [event]
        while !work.isEmpty {
            let next = work.removeFirst()
            for action in machine.handle(next, now: now) {
                if let followUp = perform(action) { work.append(followUp) }
            }
        }
        armTimer()
        writeStateFile()
    }

    /// Performs one action; returns an event to feed back (spawn results).
    private func perform(_ action: SupervisorStateMachine.Action) -> SupervisorStateMachine.Event? {
        switch action {
        case let .spawn(name):
            return spawn(name)
        case let .signal(name, pid, signal):
            guard let child = children[name], child.pid == pid else { return nil }
            child.send(signal == .terminate ? SIGTERM : SIGKILL)
        case let .statusChanged(name):
            printStatus(name)
        case .allReady:
            say("全部就绪 all services ready · `kechuang status` / `kechuang down` from another terminal")
            // The supervisor's own readiness line (same protocol as the services), with every endpoint.
            var endpoints: [String: String] = [:]
            for state in machine.services {
                for (key, value) in state.endpoints { endpoints[key] = value }
            }
            StandardErrorSink.shared.write(line: ReadinessLine(service: "supervisor", endpoints: endpoints).render())
            if let readyFile = settings.readyFile {
                let text = "ready pid=\(getpid())\n"
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: readyFile), options: .atomic)
                } catch {
                    say("cannot write ready file \(readyFile): \(error)")
                }
            }
        case let .notice(text):
            say(text)
        case let .finished(code):
            finish(code)
        }
        return nil
    }

    private func spawn(_ name: String) -> SupervisorStateMachine.Event {
        guard let service = settings.services.first(where: { $0.name == name }) else {
            return .spawnFailed(service: name, reason: "unknown service")
        }
        let log = logs[name]
        let queue = self.queue
        let supervisor = self
        do {
            let pidBox = PidBox()
            let child = try ChildProcess.launch(
                executable: settings.executablePath(service), arguments: settings.arguments[name] ?? [],
                environment: (settings.environment[name] ?? [:]).merging([
                    ServiceEnvironment.supervisorPIDVariable: "\(getpid())",
                    // The service appends its own log lines to this file (so they survive this supervisor).
                    RotatingFileSink.pathVariable: (settings.logDirectory as NSString).appendingPathComponent(name + ".log"),
                    // Its structured lines reach this supervisor through stderr only to be shown on the terminal;
                    // when they are not shown, the service writes them to its file alone.
                    LoggingBootstrap.standardErrorCopyVariable: settings.logToTerminal ? "1" : "0",
                ]) { _, supervisor in supervisor },
                onLine: { line, isStandardError in
                    // Structured log lines are in the file already (the service writes them itself); the supervisor
                    // adds everything else: the readiness line, errors printed before logging started.
                    log?.write(line, toFile: !LineLog.isStructuredLogLine(line))
                    guard isStandardError, let ready = ReadinessLine.parse(line) else { return }
                    queue.async {
                        guard let pid = pidBox.pid else { return }
                        supervisor.dispatch(.ready(service: name, pid: pid, endpoints: ready.endpoints))
                    }
                },
                onExit: { status in
                    queue.async {
                        guard let pid = pidBox.pid else { return }
                        log?.write("--- kechuang up: \(name) pid \(pid) ended: \(status)")
                        supervisor.dispatch(.exited(service: name, pid: pid, status: status))
                    }
                })
            pidBox.pid = child.pid
            children[name] = child
            log?.write("--- kechuang up: started \(name) pid \(child.pid)")
            return .spawned(service: name, pid: child.pid)
        } catch {
            return .spawnFailed(service: name, reason: "\(settings.executablePath(service)): \(error)")
        }
    }

    private func armTimer() {
        timer?.cancel()
        timer = nil
        guard let deadline = machine.nextDeadline else { return }
        let delay = max(Duration.zero, deadline - now)
        let source = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000)
        source.schedule(deadline: .now() + .nanoseconds(nanoseconds) + .milliseconds(1))
        source.setEventHandler { [weak self] in self?.dispatch(.timer) }
        source.resume()
        timer = source
    }

    private func installSignalHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                if self.machine.phase == .stopping {
                    self.say("正在停止 already stopping: 强制 forcing the current service with SIGKILL")
                } else {
                    self.say("收到信号 received signal \(signalNumber): 按相反顺序停止 stopping in reverse order")
                }
                self.dispatch(.stopRequested)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private func finish(_ code: Int32) {
        guard finishedCode == nil else { return }
        finishedCode = code
        timer?.cancel()
        for source in signalSources { source.cancel() }
        for log in logs.values { log.close() }
        removeLeftEndpointFiles()
        try? FileManager.default.removeItem(atPath: SupervisorStateFile.path(runDirectory: settings.directories.runDirectory.value))
        if let readyFile = settings.readyFile { try? FileManager.default.removeItem(atPath: readyFile) }
        say(code == 0 ? "已全部停止 all services stopped" : "已停止，有服务失败 stopped after a service failed (exit \(code))")
        completion?.resume(returning: code)
        completion = nil
    }

    /// Every service has stopped: removes the socket and lock files a killed or crashed service left behind (after
    /// a clean stop the services remove their own). Claiming an endpoint takes its lock first, so a file still held
    /// by a live process is never touched.
    private func removeLeftEndpointFiles() {
        for endpoint in Set(settings.endpoints.values) {
            guard let claimed = try? EndpointGuard.claim(endpoint) else { continue }
            claimed.release()
        }
    }

    // MARK: Output

    private func printStatus(_ name: String) {
        guard let state = machine.service(name), let definition = settings.services.first(where: { $0.name == name }) else { return }
        let title = "\(definition.name) \(definition.nameZh)"
        let padding = String(repeating: " ", count: max(1, 14 - TextTable.displayWidth(title)))
        var parts = [title + padding + state.phase.label]
        if let pid = state.pid { parts.append("pid \(pid)") }
        parts.append("重启 restarts \(state.restarts)")
        if case .ready = state.phase, let endpoint = state.endpoints[definition.statusEndpoint.rawValue] {
            parts.append(endpoint)
        }
        if let exit = state.lastExit, state.phase != .ready { parts.append("上次 last: \(exit)") }
        let line = parts.joined(separator: "  ")
        guard lastStatusLine[name] != line else { return }
        lastStatusLine[name] = line
        say(line)
    }

    private func say(_ text: String) {
        FileHandle.standardError.write(Data("[kechuang up] \(text)\n".utf8))
    }

    private func writeStateFile() {
        guard finishedCode == nil else { return }
        let services = settings.services.map { definition -> SupervisorStateFile.Service in
            let state = machine.service(definition.name)
            var endpoints: [String: String] = [:]
            for name in definition.endpoints { endpoints[name.rawValue] = settings.endpoints[name] }
            for (key, value) in state?.endpoints ?? [:] { endpoints[key] = value }
            return SupervisorStateFile.Service(
                name: definition.name, executable: settings.executablePath(definition),
                state: state.map { Self.stateName($0.phase) } ?? "unknown", pid: state?.pid, restarts: state?.restarts ?? 0,
                endpoints: endpoints,
                logFile: (settings.logDirectory as NSString).appendingPathComponent(definition.name + ".log"),
                lastExit: state?.lastExit?.description)
        }
        let file = SupervisorStateFile(
            pid: getpid(), phase: machine.phase.rawValue, startedAt: ISO8601DateFormatter().string(from: startedAt),
            home: settings.directories.home.value, runDirectory: settings.directories.runDirectory.value,
            dataDirectory: settings.directories.dataDirectory.value, logDirectory: settings.logDirectory,
            services: services)
        do {
            try file.write()
        } catch {
            say("\(error)")
        }
    }

    /// The state file's word for a phase.
    static func stateName(_ phase: SupervisorStateMachine.ServicePhase) -> String {
        switch phase {
        case .waiting: "waiting"
        case .starting: "starting"
        case .ready: "ready"
        case .backingOff(_, crashLooping: false): "restarting"
        case .backingOff(_, crashLooping: true): "crash-looping"
        case .stopping: "stopping"
        case .stopped: "stopped"
        case .failed: "failed"
        }
    }
}

/// The pid of a child, set right after launch and read by its callbacks on the supervisor queue.
private final class PidBox: @unchecked Sendable {
    // Written once on the supervisor queue before any callback hops onto that queue.
    var pid: Int32?
}
