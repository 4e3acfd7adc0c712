import Contracts
import Domain

/// Ranking pages: one per subject kind, with scheme and cohort filters (cohorts as the scores show them).
public enum RankingPage {
    /// The index: one link per subject kind.
    public static func index(kinds: [InnovationSubjectKind]) -> String {
        var body = "<h1>排名 <small>Rankings</small></h1><ul>"
        for kind in kinds {
            body += "<li><a href=\"/rankings/\(HTML.escape(HTML.urlComponent(kind.id)))\">\(HTML.escape(kind.nameZh)) "
                + "<small>\(HTML.escape(kind.nameEn))</small></a></li>"
        }
        return PageLayout.page(title: "排名 Rankings", active: "rankings", body: body + "</ul>")
    }

    /// The ranking of `kind` (`reply`), with the filter form (`cohorts` known for the kind, the current choice).
    public static func render(
        kind: InnovationSubjectKind?, kindID: String, reply: RankingReply, cohorts: [String], cohort: String?
    ) -> String {
        var body = "<h1>排名 \(HTML.escape(kind?.nameZh ?? kindID)) <small>\(HTML.escape(kind?.nameEn ?? "")) · "
            + "\(HTML.escape(reply.schemeNameZh)) (\(HTML.escape(reply.schemeID)))</small></h1>"
        body += "<form method=\"get\"><label>组别 Cohort <select name=\"cohort\"><option value=\"\">全部 all</option>"
        for option in cohorts {
            body += "<option value=\"\(HTML.escape(option))\"\(option == cohort ? " selected" : "")>\(HTML.escape(option))</option>"
        }
        body += "</select></label> <input type=\"hidden\" name=\"scheme\" value=\"\(HTML.escape(reply.schemeID))\">"
            + "<button type=\"submit\">筛选 Filter</button></form>"
        body += "<table><thead><tr><th>组别 Cohort</th><th>名次 Rank</th><th>名称 Name</th><th>代码 Id</th><th>积分 Points</th>"
            + "<th>等级 Grade</th></tr></thead><tbody>"
        for row in reply.rows {
            body += "<tr><td>\(HTML.escape(row.cohort))</td><td class=\"num\">\(row.rank) / \(row.cohortSize)</td>"
                + "<td><a href=\"/subjects/\(HTML.escape(HTML.urlComponent(row.subjectID)))\">\(HTML.escape(row.name))</a></td>"
                + "<td>\(HTML.escape(row.subjectID))</td><td class=\"num\">\(HTML.escape(DecimalText.string(row.points)))</td>"
                + "<td>\(HTML.escape(row.grade.map { "\($0.nameZh) \($0.nameEn)" } ?? "—"))</td></tr>"
        }
        if reply.rows.isEmpty { body += "<tr><td colspan=\"6\">暂无 <small>none yet</small></td></tr>" }
        body += "</tbody></table>"
        return PageLayout.page(title: "排名 Rankings", active: "rankings", body: body)
    }
}
