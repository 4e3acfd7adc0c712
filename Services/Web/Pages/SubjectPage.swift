import Contracts
import Domain
import Scoring

/// 一键可查: a subject's page — profile, points per scheme with categories and the breakdown (why), grade and
/// rank in cohort, the high-tech assessment with its gaps, and history lines. Every text is escaped.
public enum SubjectPage {
    /// The page for `reply` to the lookup `query`: the subject, a list of matches to choose from, or "not found".
    public static func render(_ reply: SubjectReply, query: String) -> String {
        guard let subject = reply.subject else { return matches(reply.matches, query: query) }
        var body = "<div data-subject=\"\(HTML.escape(subject.kind + "|" + subject.id))\">"
        body += "<p id=\"stale-note\" class=\"note\" hidden>数据已更新，<a href=\"\">刷新</a> · data changed, reload</p>"
        body += "<h1>\(HTML.escape(subject.name)) <small>\(HTML.escape(subject.id))</small></h1>"
        body += "<p>类型 kind: \(HTML.escape(subject.kind)) · 镇/区 town: \(HTML.escape(subject.town ?? "—")) · "
            + "数据年度 period: \(HTML.escape(subject.period))</p>"
        if reply.scores.isEmpty { body += "<p>暂无积分 <small>no scores</small></p>" }
        for score in reply.scores {
            body += scoreSection(score, history: reply.history.filter { $0.schemeID == score.schemeID })
        }
        if let assessment = reply.highTech { body += highTechSection(assessment) }
        body += "</div>"
        return PageLayout.page(title: subject.name, active: "lookup", body: body)
    }

    /// The lookup page: the search box and, for an ambiguous query, the matches.
    public static func matches(_ matches: [SubjectSummary], query: String) -> String {
        var body = "<h1>一键可查 <small>Lookup</small></h1>"
        body += "<form action=\"/lookup\" method=\"get\"><input name=\"q\" type=\"search\" value=\"\(HTML.escape(query))\" "
            + "placeholder=\"统一社会信用代码、编号或名称 credit code, id or name\" autofocus> <button type=\"submit\">查询 Search</button></form>"
        if !query.isEmpty && matches.isEmpty {
            body += "<p>未找到 “\(HTML.escape(query))” <small>no subject matches</small></p>"
        } else if !matches.isEmpty {
            body += "<p>\(matches.count) 个匹配 <small>matches</small></p><table><thead><tr><th>名称 Name</th><th>代码 Id</th>"
                + "<th>类型 Kind</th><th>镇/区 Town</th><th>年度 Period</th></tr></thead><tbody>"
            for match in matches {
                body += "<tr><td><a href=\"/subjects/\(HTML.escape(HTML.urlComponent(match.id)))\">\(HTML.escape(match.name))</a></td>"
                    + "<td>\(HTML.escape(match.id))</td><td>\(HTML.escape(match.kind))</td>"
                    + "<td>\(HTML.escape(match.town ?? "—"))</td><td>\(HTML.escape(match.period))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return PageLayout.page(title: "一键可查 Lookup", active: "lookup", body: body)
    }

    static func scoreSection(_ score: ScoreUpdate, history: [SubjectHistoryPoint]) -> String {
        var html = "<section class=\"card\" data-scheme=\"\(HTML.escape(score.schemeID))\">"
        html += "<h2>\(HTML.escape(score.schemeID)) <small>v\(score.schemeVersion) · \(HTML.escape(score.period))</small></h2>"
        html += "<p><b class=\"points\">\(HTML.escape(DecimalText.string(score.points)))</b> 分 points · "
        html += "等级 grade: \(HTML.escape(score.grade.map { "\($0.nameZh) \($0.nameEn)" } ?? "—")) · "
        html += "排名 rank: \(score.rank) / \(score.cohortSize) · 组别 cohort: \(HTML.escape(score.cohort))"
        if let stage = score.stage { html += " · 阶段 stage: \(HTML.escape(stage))" }
        html += "</p>"
        if !score.vetoedBy.isEmpty {
            html += "<p class=\"error\">一票否决 vetoed: \(HTML.escape(score.vetoedBy.joined(separator: ", ")))</p>"
        }
        if !score.negatives.isEmpty {
            html += "<p class=\"error\">扣分项 deductions: \(HTML.escape(score.negatives.joined(separator: ", ")))</p>"
        }
        html += "<table><thead><tr><th>类别 Category</th><th>得分 Points</th><th>上限 Cap</th></tr></thead><tbody>"
        for category in score.categories {
            html += "<tr><td>\(HTML.escape(category.nameZh)) <small>\(HTML.escape(category.nameEn))</small></td>"
                + "<td class=\"num\">\(HTML.escape(DecimalText.string(category.points)))</td>"
                + "<td>\(HTML.escape(category.cap.map(DecimalText.string) ?? "—"))</td></tr>"
        }
        html += "</tbody></table><h2>得分明细 <small>Breakdown</small></h2><table class=\"breakdown\"><thead><tr>"
            + "<th>指标 Indicator</th><th>原始值 Raw</th><th>归一 Normalised</th><th>权重 Weight</th><th>得分 Points</th>"
            + "<th>缺失 Missing</th></tr></thead><tbody>"
        for line in score.breakdown {
            html += "<tr data-breakdown=\"\(HTML.escape(line.indicator))\"><td>\(HTML.escape(line.nameZh)) <small>\(HTML.escape(line.nameEn))</small></td>"
                + "<td class=\"num\">\(HTML.escape(line.raw.map(DecimalText.string) ?? "—"))</td>"
                + "<td class=\"num\">\(HTML.escape(line.normalised.map(DecimalText.string) ?? "—"))</td>"
                + "<td class=\"num\">\(HTML.escape(DecimalText.string(line.weight)))</td>"
                + "<td class=\"num\">\(HTML.escape(DecimalText.string(line.points)))</td>"
                + "<td>\(HTML.escape(line.missing ?? ""))</td></tr>"
        }
        html += "</tbody></table>"
        if history.count > 1 {
            html += "<p>历史 <small>history</small> "
                + TrendLine.svg(history.map { DecimalText.string($0.points) }, label: "积分历史 points history", width: 240, height: 40)
                + "</p>"
        }
        return html + "</section>"
    }

    static func highTechSection(_ assessment: HighTechAssessment) -> String {
        var html = "<section class=\"card hightech\"><h2>高企培育 <small>High-tech assessment</small></h2>"
        html += "<p>认定条件 eligibility: \(HTML.escape(assessment.eligibility.nameZh)) <small>\(HTML.escape(assessment.eligibility.nameEn))</small> · "
            + "培育库 tier: \(HTML.escape(assessment.tier.nameZh)) <small>\(HTML.escape(assessment.tier.nameEn))</small> · "
            + "评估日 as of \(HTML.escape(assessment.assessmentDate.description))</p>"
        html += "<table><thead><tr><th>条件 Condition</th><th>状态 Status</th><th>实际 Actual</th><th>要求 Required</th></tr></thead><tbody>"
        for check in assessment.conditions {
            let status: String
            switch check.status {
            case .met: status = "✓ 符合 met"
            case .notMet: status = "✗ 不符合 not met"
            case .unknown: status = "? 未知 unknown"
            }
            html += "<tr><td>\(HTML.escape(check.condition.nameZh)) <small>\(HTML.escape(check.condition.nameEn))</small></td>"
                + "<td>\(HTML.escape(status))</td><td class=\"num\">\(HTML.escape(check.actual.map(DecimalText.string) ?? "—"))</td>"
                + "<td class=\"num\">\(HTML.escape(check.threshold.map(DecimalText.string) ?? "—"))</td></tr>"
        }
        html += "</tbody></table>"
        if assessment.gaps.isEmpty {
            html += "<p>无差距 <small>no gaps</small></p>"
        } else {
            html += "<h2>差距 <small>Gaps</small></h2><ul class=\"gaps\">"
            for gap in assessment.gaps {
                html += "<li>\(gap.isWithinReach ? "◎ " : "")\(HTML.escape(gap.messageZh)) <small>\(HTML.escape(gap.messageEn))</small></li>"
            }
            html += "</ul>"
        }
        return html + "</section>"
    }
}
