import ArgumentParser
import Contracts
import Foundation
import JSONText
import ServiceKit

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
        for service in ServiceDefinition.all {
            let entry = state?.services.first { $0.name == service.name }
            let endpoint = entry?.endpoints[service.statusEndpoint.rawValue] ?? resolved.endpoint(service.statusEndpoint)
            let probe = await Self.probe(service, endpoint: endpoint, timeout: timeout)
            rows.append(Row(
                service: service, state: probe.answered ? (entry?.state ?? "ready") : (entry?.state ?? "down"),
                pid: entry?.pid, restarts: entry?.restarts, endpoint: endpoint, details: probe.details,
                answered: probe.answered, fields: probe.fields, halted: probe.halted))
        }
        switch format {
        case .table:
            if let state {
                let alive = state.isSupervisorAlive ? "运行中 running" : "未运行 not running (stale state file)"
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
        for row in rows {
            if let halted = row.halted {
                FileHandle.standardError.write(Data(
                    "故障 fault: \(row.service.name) \(halted) — see docs/operations.md, \"Backups\"\n".utf8))
            }
        }
        if rows.contains(where: { !$0.answered || $0.halted != nil }) { throw ExitCode(1) }
    }

    /// The outcome of one status request.
    struct Probe: Sendable {
        /// Whether the service answered.
        var answered: Bool
        /// A one-line summary (or the error).
        var details: String
        /// Followers that stopped applying (a fault the operator must act on), as one line; nil when none.
        var halted: String?
        /// The reply's numbers as JSON members.
        var fields: [(String, String)] = []
    }

    /// Sends the service's status request.
    static func probe(_ service: ServiceDefinition, endpoint: String, timeout: Duration) async -> Probe {
        let client: ServiceClient
        do {
            client = try await ServiceClient.connect(service: service.name, endpoint: endpoint)
        } catch {
            return Probe(answered: false, details: "\(error)")
        }
        let result = await ask(service, client: client, timeout: timeout)
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

    private static func ask(_ service: ServiceDefinition, client: ServiceClient, timeout: Duration) async -> Probe {
        do {
            switch service.probe {
            case .ingest:
                let status = try await client.request(IngestStatusRequest(), expecting: IngestStatus.self, timeout: timeout)
                let documents = status.documents.keys.sorted().map { "\($0)=\(status.documents[$0] ?? 0)" }.joined(separator: " ")
                return Probe(
                    answered: true,
                    details: "文档 documents \(documents.isEmpty ? "0" : documents) · 事件 events \(status.events) · "
                        + "序号 seq \(status.lastSequence) · \(status.storageBytes / 1024) KiB · 运行 up \(status.uptimeSeconds) s",
                    fields: [("events", String(status.events)), ("lastSequence", String(status.lastSequence)),
                             ("storageBytes", String(status.storageBytes)), ("uptimeSeconds", String(status.uptimeSeconds))])
            case .metrics:
                let status = try await client.request(MetricsStatusRequest(), expecting: MetricsStatus.self, timeout: timeout)
                let scoring = status.scoringApplied.map { "积分 scoring \($0)/\(status.scoringHead ?? $0) · " } ?? ""
                var fields = [("ingestApplied", String(status.ingestApplied)), ("ingestHead", String(status.ingestHead)),
                              ("lastSequence", String(status.lastSequence)), ("values", String(status.values)),
                              ("uptimeSeconds", String(status.uptimeSeconds))]
                if let applied = status.scoringApplied {
                    fields += [("scoringApplied", String(applied)), ("scoringHead", String(status.scoringHead ?? applied))]
                }
                return Self.withHalts(status.followers, Probe(
                    answered: true,
                    details: "已应用 applied \(status.ingestApplied)/\(status.ingestHead) · \(scoring)指标值 values \(status.values) · "
                        + "序号 seq \(status.lastSequence) · 运行 up \(status.uptimeSeconds) s",
                    fields: fields))
            case .scoring:
                let status = try await client.request(ScoringStatusRequest(), expecting: ScoringStatus.self, timeout: timeout)
                return Self.withHalts(status.followers, Probe(
                    answered: true,
                    details: "已应用 applied \(status.ingestApplied)/\(status.ingestHead) · 主体 subjects \(status.subjects) · "
                        + "积分 scores \(status.scores) · 序号 seq \(status.lastSequence) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("ingestApplied", String(status.ingestApplied)), ("ingestHead", String(status.ingestHead)),
                             ("lastSequence", String(status.lastSequence)), ("subjects", String(status.subjects)),
                             ("scores", String(status.scores)), ("uptimeSeconds", String(status.uptimeSeconds))]))
            case .notify:
                let status = try await client.request(NotifyStatusRequest(), expecting: NotifyStatus.self, timeout: timeout)
                return Self.withHalts(status.followers, Probe(
                    answered: true,
                    details: "指标 metrics \(status.metricsApplied) · 积分 scoring \(status.scoringApplied) · 规则 rules \(status.rules) · "
                        + "通知 notifications \(status.notifications) · 待发 pending \(status.pendingDeliveries) · "
                        + "失败 failed \(status.failedDeliveries) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("metricsApplied", String(status.metricsApplied)), ("scoringApplied", String(status.scoringApplied)),
                             ("rules", String(status.rules)), ("notifications", String(status.notifications)),
                             ("pendingDeliveries", String(status.pendingDeliveries)),
                             ("failedDeliveries", String(status.failedDeliveries)),
                             ("deliveredDeliveries", String(status.deliveredDeliveries)),
                             ("uptimeSeconds", String(status.uptimeSeconds))]))
            case .web:
                let status = try await client.request(WebStatusRequest(), expecting: WebStatus.self, timeout: timeout)
                return Self.withHalts(status.followers, Probe(
                    answered: true,
                    details: "\(status.httpAddress) · 指标 metrics \(status.metricsApplied) · 积分 scoring \(status.scoringApplied) · "
                        + "实时 live \(status.liveClients) · 运行 up \(status.uptimeSeconds) s",
                    fields: [("httpAddress", JSONText.quote(status.httpAddress)),
                             ("metricsApplied", String(status.metricsApplied)), ("scoringApplied", String(status.scoringApplied)),
                             ("values", String(status.values)), ("scores", String(status.scores)),
                             ("liveClients", String(status.liveClients)), ("droppedClients", String(status.droppedClients)),
                             ("uptimeSeconds", String(status.uptimeSeconds))]))
            }
        } catch {
            return Probe(answered: false, details: "\(error)")
        }
    }
}
