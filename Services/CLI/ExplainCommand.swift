import ArgumentParser
import Contracts
import Foundation

/// `kechuang explain ID`: why a subject has its points — every indicator with its raw value, normalised value,
/// weight, points and what was missing.
struct ExplainCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a subject's points indicator by indicator (积分明细).")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Credit code, id, or part of a name.")
    var query: String

    @Option(help: "Only this scheme (e.g. innovation-points-2024).")
    var scheme: String?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let resolved = try connection.resolve()
        let reply = try await ScoringQuery.ask(
            SubjectRequest(query: query, schemeID: scheme), expecting: SubjectReply.self, connection: resolved)
        try reply.requireSubject(query: query)
        for score in reply.scores {
            switch format {
            case .json: print(try ScoringQuery.json(score))
            case .table: print(Self.render(score))
            }
        }
    }

    /// One scheme's breakdown as text.
    static func render(_ score: ScoreUpdate) -> String {
        var text = "\(score.subjectName) · \(score.schemeID) v\(score.schemeVersion) · 积分 points "
            + "\(ScoringQuery.number(score.points)) · 阶段 stage \(score.stage ?? "—") · 分组 cohort \(score.cohort)\n"
        var table = TextTable(
            headers: ["分类 category", "指标 indicator", "原始值 raw", "标准化 normalised", "权重 weight", "得分 points",
                      "缺失 missing"],
            alignments: [.left, .left, .right, .right, .right, .right, .left])
        for line in score.breakdown {
            table.append([
                line.category, "\(line.nameZh) \(line.nameEn)", line.raw.map { ScoringQuery.number($0, places: 4) } ?? "—",
                line.normalised.map { ScoringQuery.number($0, places: 4) } ?? "—", ScoringQuery.number(line.weight),
                ScoringQuery.number(line.points), line.missing ?? "",
            ])
        }
        text += table.render()
        for category in score.categories {
            text += "  \(category.nameZh) \(category.nameEn): \(ScoringQuery.number(category.points))"
                + (category.cap.map { " (上限 cap \(ScoringQuery.number($0)))" } ?? "") + "\n"
        }
        if !score.negatives.isEmpty { text += "  扣分项 negative items: \(score.negatives.joined(separator: ", "))\n" }
        if !score.vetoedBy.isEmpty { text += "  一票否决 vetoed by: \(score.vetoedBy.joined(separator: ", "))\n" }
        return text
    }
}
