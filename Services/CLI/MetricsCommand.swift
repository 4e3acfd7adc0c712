import ArgumentParser
import Contracts
import Domain
import Foundation

/// `kechuang metrics`: the current indicator values, from a snapshot of the metrics stream.
struct MetricsCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Show current indicator values (当前指标).",
        discussion: "Values come from a snapshot of metrics.sync: reported and computed side by side, with target progress and data-quality flags.")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Only this period (e.g. 2024, asof:2024-12-31, total).")
    var period: String?

    @Option(help: "Only indicators of this catalog program (e.g. tech_loan, c_plan_fund).")
    var program: String?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let resolved = try connection.resolve()
        let catalog = try Catalog.bundled()
        if let program, catalog.program(id: program) == nil {
            throw CLIError.invalidArgument(
                name: "--program", value: program, expected: "a catalog program id: " + catalog.programs.map(\.id).joined(separator: ", "))
        }
        let client = try await ServiceClient.connect(service: "metrics", endpoint: resolved.endpoint(.metricsSync), security: resolved.security)
        let snapshot: MetricSnapshot
        do {
            snapshot = try await MetricSnapshot.load(client: client, prefix: "metric.", timeout: resolved.timeout)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        let entries = Self.filter(snapshot.entries, period: period, program: program, catalog: catalog)
        let formatter = MetricFormatter(catalog: catalog)
        switch format {
        case .json:
            for entry in entries {
                print(formatter.jsonLine(sequence: entry.sequence, update: entry.update, fromSnapshot: true))
            }
        case .table:
            print(Self.table(entries, formatter: formatter), terminator: "")
            print("共 \(entries.count) 项 values · 快照序号 snapshot sequence \(snapshot.sequence)")
        }
    }

    /// The entries matching the period and program filters, in key order.
    static func filter(
        _ entries: [MetricSnapshot.Entry], period: String?, program: String?, catalog: Catalog
    ) -> [MetricSnapshot.Entry] {
        entries.filter { entry in
            if let period, entry.update.key.period != period { return false }
            if let program, catalog.indicator(id: entry.update.key.indicator)?.program != program { return false }
            return true
        }.sorted { $0.update.key < $1.update.key }
    }

    /// The table: indicator (Chinese and English), period, scope, source, value, unit, qualifier, target progress, flags.
    static func table(_ entries: [MetricSnapshot.Entry], formatter: MetricFormatter) -> String {
        var table = TextTable(
            headers: ["指标 indicator", "期间 period", "范围 scope", "来源 source", "数值 value", "单位 unit",
                      "限定 qualifier", "目标进度 target", "数据质量 quality"],
            alignments: [.left, .left, .left, .left, .right, .left, .left, .right, .left])
        for entry in entries {
            let update = entry.update
            table.append([
                formatter.indicatorName(update.key.indicator),
                update.key.period,
                formatter.scopeName(update.key.scope),
                "\(update.key.source.nameZh) \(update.key.source.rawValue)",
                DecimalText.string(update.value),
                update.unit.rawValue,
                update.qualifier?.rawValue ?? "—",
                update.targetProgressPercent.map { DecimalText.string(MetricFormatter.rounded($0)) + "%" } ?? "—",
                update.quality.isEmpty ? "—" : update.quality.map(\.message).joined(separator: "; "),
            ])
        }
        return table.render()
    }
}
