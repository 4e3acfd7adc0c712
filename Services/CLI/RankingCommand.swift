import ArgumentParser
import Contracts
import Foundation

/// `kechuang ranking`: the current ranking of a scheme per cohort.
struct RankingCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "ranking",
        abstract: "Show the current ranking of a scheme per cohort (积分排名).")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Subject kind (default enterprise).")
    var kind: String = "enterprise"

    @Option(help: "Scheme id (default: the first scheme of the kind).")
    var scheme: String?

    @Option(help: "Only this cohort, as printed in the cohort column.")
    var cohort: String?

    @Option(help: "Rows per cohort.")
    var top: Int = 20

    @Flag(help: "Settle first: re-score every subject against its cohorts as they are now (a ranking round).")
    var settle = false

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        guard top > 0 else {
            throw CLIError.invalidArgument(name: "--top", value: String(top), expected: "a positive number")
        }
        let resolved = try connection.resolve()
        if settle {
            let settled = try await ScoringQuery.ask(SettleRequest(), expecting: SettleReply.self, connection: resolved)
            if format == .table { print("已结算 settled: \(settled.published) 条更新 updates") }
        }
        let reply = try await ScoringQuery.ask(
            RankingRequest(schemeID: scheme, kind: kind, cohort: cohort, top: top), expecting: RankingReply.self,
            connection: resolved)
        switch format {
        case .json:
            print(try ScoringQuery.json(reply))
        case .table:
            var table = TextTable(
                headers: ["分组 cohort", "排名 rank", "名称 name", "代码 id", "积分 points", "等级 grade"],
                alignments: [.left, .right, .left, .left, .right, .left])
            for row in reply.rows {
                table.append([row.cohort, "\(row.rank)/\(row.cohortSize)", row.name, row.subjectID,
                              ScoringQuery.number(row.points), row.grade.map { "\($0.nameZh) \($0.id)" } ?? "—"])
            }
            print("\(reply.schemeNameZh) (\(reply.schemeID))")
            print(table.render(), terminator: "")
        }
    }
}
