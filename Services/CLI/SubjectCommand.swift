import ArgumentParser
import Contracts
import Foundation
import Scoring

/// `kechuang subject QUERY` (一键可查): a subject's profile, current points per scheme, grade and rank, high-tech
/// assessment with its gaps, and points history.
struct SubjectCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "subject",
        abstract: "Look a subject up: points, grade, rank, high-tech assessment, history (一键可查).",
        discussion: "QUERY is a 统一社会信用代码, a subject id, or part of a name. Asks kechuang-scoring on scoring.req.")

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Credit code, id, or part of a name.")
    var query: String

    @Option(help: "Only this scheme (e.g. innovation-points-2025).")
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
        switch format {
        case .json:
            print(try ScoringQuery.json(reply))
        case .table:
            print(Self.render(reply), terminator: "")
        }
        try reply.requireSubject(query: query)
    }

    /// The profile as text: who, scores with ranks and grades, the high-tech assessment, history.
    static func render(_ reply: SubjectReply) -> String {
        guard let subject = reply.subject else {
            var table = TextTable(headers: ["代码 id", "名称 name", "镇 town", "年度 period"])
            for match in reply.matches { table.append([match.id, match.name, match.town ?? "—", match.period]) }
            return reply.matches.isEmpty ? "未找到 not found\n" : table.render()
        }
        var text = "\(subject.name)  \(subject.id)  \(subject.town ?? "")  数据年度 period \(subject.period)\n\n"
        var scores = TextTable(
            headers: ["方案 scheme", "积分 points", "等级 grade", "排名 rank", "分组 cohort", "阶段 stage", "缺失 missing"],
            alignments: [.left, .right, .left, .right, .left, .left, .right])
        for score in reply.scores {
            let missing = score.breakdown.filter { $0.missing != nil }.count
            scores.append([
                "\(score.schemeID) v\(score.schemeVersion)", ScoringQuery.number(score.points),
                score.grade.map { "\($0.nameZh) \($0.id)" } ?? (score.vetoedBy.isEmpty ? "—" : "否决 veto"),
                "\(score.rank)/\(score.cohortSize)", score.cohort, score.stage ?? "—", "\(missing)",
            ])
        }
        text += reply.scores.isEmpty ? "暂无积分 no score yet\n" : scores.render()
        if let assessment = reply.highTech {
            text += "\n高企评估 high-tech assessment: \(assessment.tier.nameZh) · \(assessment.eligibility.nameZh) \(assessment.eligibility)"
            text += "\n"
            for gap in assessment.gaps {
                text += "  差距 gap: \(gap.messageZh)\n"
            }
        }
        if !reply.history.isEmpty {
            var history = TextTable(
                headers: ["序号 seq", "方案 scheme", "年度 period", "积分 points", "等级 grade"],
                alignments: [.right, .left, .left, .right, .left])
            for point in reply.history.suffix(20) {
                history.append(["\(point.sequence)", point.schemeID, point.period, ScoringQuery.number(point.points),
                                point.grade ?? "—"])
            }
            text += "\n积分历史 history\n" + history.render()
        }
        return text
    }
}
