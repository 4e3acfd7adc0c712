import ArgumentParser
import Contracts
import Foundation
import JSONText
import ServiceKit
import ZeroMQ

/// `kechuang status`: asks each service for its status and prints one row per service.
struct StatusCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each service's status (服务状态).",
        discussion: "Reads the supervisor's state file (if `kechuang up` runs) and asks every service its status request. Exit code 1 if a service does not answer.")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    /// One service's row.
    struct Row: Sendable {
        var service: ServiceDefinition
        var state: String
        var pid: Int32?
        var restarts: Int?
        var endpoint: String
        var details: String
        var answered: Bool
        /// The status reply's numbers as JSON members (`"lastSequence":12`), for `--format json`.
        var fields: [(String, String)]
        /// Followers that stopped applying, if any.
        var halted: String?
        /// Followers whose apply fails right now, if any.
        var failing: String? = nil
    }

    /// What to do when the state file names a supervisor that is gone (killed, crashed).
    static func supervisorGoneAdvice(_ state: SupervisorStateFile) -> String {
        """
        监管进程已退出 the supervisor (pid \(state.pid)) is gone but left \(SupervisorStateFile.path(runDirectory: state.runDirectory)):
          it was killed or crashed. Its services notice within about a second and shut down by themselves
          (their last lines are in \(state.logDirectory)/<service>.log). To start again: `kechuang up`
          (it replaces the stale file); to only clean up: `kechuang down`.

        """
    }

    /// The real heads of the streams, as their owners answered in this run of `status` (nil: the owner did not
    /// answer — a follower's lag is then "unknown", never guessed from what the follower last heard).
    struct OwnerHeads: Sendable {
        var heads: [String: UInt64] = [:]

        /// The owner's head of `stream`, if it answered.
        func head(of stream: String) -> UInt64? { heads[stream] }
    }

    /// How far a follower of `stream` is behind its owner: `已追上 caught up`, `落后 behind by N` or
    /// `落后未知 behind: unknown (…)`, plus the number for JSON (`nil` when unknown).
    static func lag(stream: String, applied: UInt64, heads: OwnerHeads) -> (text: String, behind: UInt64?) {
        guard let head = heads.head(of: stream) else {
            return ("落后未知 behind: unknown (\(stream) did not answer)", nil)
        }
        if applied >= head { return ("已追上 caught up", 0) }
        return ("落后 behind by \(head - applied)", head - applied)
    }

    /// One line per follower: `<stream> applied/head (lag)`, with the lag against the owner's real head.
    static func followerSummary(_ streams: [(String, UInt64)], heads: OwnerHeads) -> (text: String, fields: [(String, String)]) {
        var parts: [String] = []
        var fields: [(String, String)] = []
        for (stream, applied) in streams {
            let lag = lag(stream: stream, applied: applied, heads: heads)
            let head = heads.head(of: stream).map(String.init) ?? "?"
            parts.append("\(stream) \(applied)/\(head) \(lag.text)")
            fields.append((stream + "Behind", lag.behind.map(String.init) ?? "null"))
            fields.append((stream + "OwnerHead", heads.head(of: stream).map(String.init) ?? "null"))
        }
        return (parts.joined(separator: " · "), fields)
    }

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let resolved = try connection.resolve()
        let state = try SupervisorStateFile.read(runDirectory: resolved.directories.runDirectory.value)
        let timeout = min(resolved.timeout, .seconds(3))
        var rows: [Row] = []
        // Owners are asked before their followers (table order), so a follower is never shown ahead of the head.
        var heads = OwnerHeads()
        for service in ServiceDefinition.all {
            let entry = state?.services.first { $0.name == service.name }
            let endpoint = entry?.endpoints[service.statusEndpoint.rawValue] ?? resolved.endpoint(service.statusEndpoint)
            let probe = await Self.probe(
                service, endpoint: endpoint, security: resolved.security, timeout: timeout, heads: &heads)
            rows.append(Row(
                service: service, state: probe.answered ? (entry?.state ?? "ready") : (entry?.state ?? "down"),
                pid: entry?.pid, restarts: entry?.restarts, endpoint: endpoint, details: probe.details,
                answered: probe.answered, fields: probe.fields, halted: probe.halted, failing: probe.failing))
        }
        switch format {
        case .table:
            if let state {
                let alive = state.isSupervisorAlive ? "运行中 running" : "已退出 gone (stale state file)"
                print("监管进程 supervisor: pid \(state.pid) \(alive) · \(state.phase) · home \(state.home)")
            } else {
                print("监管进程 supervisor: 未运行 not running (no \(SupervisorStateFile.path(runDirectory: resolved.directories.runDirectory.value)))")
            }
            var table = TextTable(headers: ["服务 service", "状态 state", "进程 pid", "重启 restarts", "应答 answer", "端点 endpoint", "详情 details"])
            for row in rows {
                table.append([
                    "\(row.service.name) \(row.service.nameZh)", row.state, row.pid.map(String.init) ?? "—",
                    row.restarts.map(String.init) ?? "—", row.answered ? "是 yes" : "否 no", row.endpoint, row.details,
                ])
            }
            print(table.render(), terminator: "")
        case .json:
            for row in rows {
                print("{\"service\":\(JSONText.quote(row.service.name)),\"state\":\(JSONText.quote(row.state)),"
                    + "\"pid\":\(row.pid.map(String.init) ?? "null"),\"answered\":\(row.answered),"
                    + "\"endpoint\":\(JSONText.quote(row.endpoint)),\"details\":\(JSONText.quote(row.details)),"
                    + "\"status\":{" + row.fields.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}}")
            }
        }
        if let state, !state.isSupervisorAlive {
            FileHandle.standardError.write(Data(Self.supervisorGoneAdvice(state).utf8))
        }
        for row in rows {
            if ["crash-looping", "failed"].contains(row.state) {
                let log = state?.services.first { $0.name == row.service.name }?.logFile ?? "<home>/logs/\(row.service.name).log"
                let what = row.state == "failed" ? "失败 failed (not restarted)" : "崩溃循环 crash-looping (still retried)"
                let line = "故障 fault: \(row.service.name) \(what) — see \(log)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            if let halted = row.halted {
                FileHandle.standardError.write(Data(
                    "故障 fault: \(row.service.name) \(halted) — see docs/operations.md, \"Backups\"\n".utf8))
            }
            if let failing = row.failing {
                let line = "故障 fault: \(row.service.name) \(failing) — see `<home>/logs/\(row.service.name).log` and "
                    + "docs/operations.md, \"Failures\"\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        if rows.contains(where: { !$0.answered || $0.halted != nil || $0.failing != nil })
            || ["crash-looping", "failed"].contains(where: { label in rows.contains { $0.state == label } }) {
            throw ExitCode(1)
        }
    }

    /// The outcome of one status request.
    struct Probe: Sendable {
        /// Whether the service answered.
        var answered: Bool
        /// A one-line summary (or the error).
        var details: String
        /// Followers that stopped applying (a fault the operator must act on), as one line; nil when none.
        var halted: String?
        /// Followers whose apply fails right now (they retry; nothing is stored until the cause is fixed).
        var failing: String?
        /// The reply's numbers as JSON members.
        var fields: [(String, String)] = []
    }

    /// Sends the service's status request; records the heads of the streams it owns in `heads`.
    static func probe(
        _ service: ServiceDefinition, endpoint: String, security: TransportSecurity, timeout: Duration,
        heads: inout OwnerHeads
    ) async -> Probe {
        let client: ServiceClient
        do {
            client = try await ServiceClient.connect(service: service.name, endpoint: endpoint, security: security)
        } catch {
            return Probe(answered: false, details: "\(error)")
        }
        let result = await ask(service, client: client, timeout: timeout, heads: &heads)
        await client.close()
        return result
    }

    /// `probe` marked with the followers that stopped applying (details, JSON member `halted`), if any.
    static func withHalts(_ followers: [FollowerHealth]?, _ probe: Probe) -> Probe {
        let halted = (followers ?? []).filter(\.isHalted)
        guard !halted.isEmpty else { return probe }
        let text = halted.map { follower in
            "\(follower.stream): \(follower.halt ?? "halted")"
                + (follower.ownerHead.map { " (owner head \($0) < applied \(follower.lastApplied))" } ?? "")
        }.joined(separator: "; ")
        var marked = probe
        marked.halted = "已停止应用 stopped applying — " + text
        marked.details = "已停止应用 HALTED \(text) · " + probe.details
        marked.fields.append(("halted", JSONText.quote(text)))
        return marked
    }

    /// `probe` marked with the followers whose apply fails right now (details, JSON member `applyFailing`).
    static func withFailures(_ followers: [FollowerHealth]?, _ probe: Probe) -> Probe {
        let failing = (followers ?? []).filter(\.isFailingToApply)
        guard !failing.isEmpty else { return probe }
        let text = failing.map { follower in
            "\(follower.stream): \(follower.applyFailures ?? 0) failed in a row"
                + (follower.lastError.map { " — \($0)" } ?? "")
        }.joined(separator: "; ")
        var marked = probe
        marked.failing = "应用失败 apply failing — " + text
        marked.details = "应用失败 APPLY FAILING \(text) · " + probe.details
        marked.fields.append(("applyFailing", JSONText.quote(text)))
        return marked
    }

    /// Both markings (halted, failing) of a follower's status.
    static func withHealth(_ followers: [FollowerHealth]?, _ probe: Probe) -> Probe {
        withFailures(followers, withHalts(followers, probe))
    }

    private static func ask(
        _ service: ServiceDefinition, client: ServiceClient, timeout: Duration, heads: inout OwnerHeads
    ) async -> Probe {
        do {
            switch service.probe {
            case .ingest:
                let status = try await client.request(IngestStatusRequest(), expecting: IngestStatus.self, timeout: timeout)
                heads.heads["ingest"] = status.lastSequence
                let documents = status.documents.keys.sorted().map { "\($0)=\(status.documents[$0] ?? 0)" }.joined(separator: " ")
                return Probe(
                    answered: true,
                    details: "文档 documents \(documents.isEmpty ? "0" : documents) · 事件 events \(status.events) · "
                        + "序号 seq \(status.lastSequence) · \(status.storageBytes / 1024) KiB · 运行 up \(status.uptimeSeconds) s",
                    fields: [("events", String(status.events)), ("lastSequence", String(status.lastSequence)),
                             ("storageBytes", String(status.storageBytes)), ("uptimeSeconds", String(status.uptimeSeconds))])
            case .metrics:
                let status = try await client.request(MetricsStatusRequest(), expecting: MetricsStatus.self, timeout: timeout)
                heads.heads["metrics"] = status.lastSequence
                var streams = [("ingest", status.ingestApplied)]
                if let applied = status.scoringApplied { streams.append(("scoring", applied)) }
                let lag = followerSummary(streams, heads: heads)
                var fields = [("ingestApplied", String(status.ingestApplied)), ("ingestHead", String(status.ingestHead)),
                              ("lastSequence", String(status.lastSequence)), ("values", String(status.values)),
                              ("uptimeSeconds", String(status.uptimeSeconds))]
                if let applied = status.scoringApplied {
                    fields += [("scoringApplied", String(applied)), ("scoringHead", String(status.scoringHead ?? applied))]
                }
                return Self.withHealth(status.followers, Probe(
                    answered: true,
                    details: "已应用 applied \(lag.text) · 指标值 values \(status.values) · "
                        + "序号 seq \(status.lastSequence) · 运行 up \(status.uptimeSeconds) s",
                    fields: fields + lag.fields))
            case .scoring:
                let status = try await client.request(ScoringStatusRequest(), expecting: ScoringStatus.self, timeout: timeout)
                heads.heads["scoring"] = status.lastSequence
                let lag = followerSummary([("ingest", status.ingestApplied)], heads: heads)
                return Self.withHealth(status.followers, Probe(
                    answered: true,
                    details: "已应用 applied \(lag.text) · 主体 subjects \(status.subjects) · "
                        + "积分 scores \(status.scores) · 序号 seq \(status.lastSequence) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("ingestApplied", String(status.ingestApplied)), ("ingestHead", String(status.ingestHead)),
                             ("lastSequence", String(status.lastSequence)), ("subjects", String(status.subjects)),
                             ("scores", String(status.scores)), ("uptimeSeconds", String(status.uptimeSeconds))] + lag.fields))
            case .notify:
                let status = try await client.request(NotifyStatusRequest(), expecting: NotifyStatus.self, timeout: timeout)
                let lag = followerSummary([("metrics", status.metricsApplied), ("scoring", status.scoringApplied)], heads: heads)
                return Self.withHealth(status.followers, Probe(
                    answered: true,
                    details: "已应用 applied \(lag.text) · 规则 rules \(status.rules) · "
                        + "通知 notifications \(status.notifications) · 待发 pending \(status.pendingDeliveries) · "
                        + "失败 failed \(status.failedDeliveries) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("metricsApplied", String(status.metricsApplied)), ("scoringApplied", String(status.scoringApplied)),
                             ("rules", String(status.rules)), ("notifications", String(status.notifications)),
                             ("pendingDeliveries", String(status.pendingDeliveries)),
                             ("failedDeliveries", String(status.failedDeliveries)),
                             ("deliveredDeliveries", String(status.deliveredDeliveries)),
                             ("uptimeSeconds", String(status.uptimeSeconds))] + lag.fields))
            case .web:
                let status = try await client.request(WebStatusRequest(), expecting: WebStatus.self, timeout: timeout)
                let lag = followerSummary([("metrics", status.metricsApplied), ("scoring", status.scoringApplied)], heads: heads)
                return Self.withHealth(status.followers, Probe(
                    answered: true,
                    details: "\(status.httpAddress) · 已应用 applied \(lag.text) · "
                        + "实时 live \(status.liveClients) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("httpAddress", JSONText.quote(status.httpAddress)),
                             ("metricsApplied", String(status.metricsApplied)), ("scoringApplied", String(status.scoringApplied)),
                             ("values", String(status.values)), ("scores", String(status.scores)),
                             ("liveClients", String(status.liveClients)), ("droppedClients", String(status.droppedClients)),
                             ("uptimeSeconds", String(status.uptimeSeconds))] + lag.fields))
            }
        } catch {
            return Probe(answered: false, details: "\(error)")
        }
    }
}
