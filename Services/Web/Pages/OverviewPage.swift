/// 一屏通览: every catalog indicator grouped by program, with value, unit, period, qualifier, reported/computed,
/// data-quality flag, target progress and a trend line; subjects per grade and enterprises per 高企培育库 tier.
/// Cells carry `data-field`/`data-count` so `/assets/live.js` can update them from `/api/live`.
public enum OverviewPage {
    /// The page for `overview`.
    public static func render(_ overview: OverviewView) -> String {
        var body = "<h1>一屏通览 <small>Overview</small></h1>"
        body += "<h2>积分等级 <small>Subjects per grade</small></h2><div class=\"counts\">"
        if overview.grades.isEmpty { body += "<p>暂无积分 <small>no scores yet</small></p>" }
        for grade in overview.grades {
            body += "<div class=\"count\"><small>\(HTML.escape(grade.scheme))</small>"
                + "<b data-count=\"\(HTML.escape("grade|\(grade.scheme)|\(grade.grade)"))\">\(grade.count)</b>"
                + "\(HTML.escape(grade.nameZh)) <small>\(HTML.escape(grade.nameEn))</small></div>"
        }
        body += "</div><h2>高企培育库 <small>High-tech cultivation tiers</small></h2><div class=\"counts\">"
        for tier in overview.tiers {
            body += "<div class=\"count\"><b data-count=\"\(HTML.escape("tier|\(tier.tier)"))\">\(tier.count)</b>"
                + "\(HTML.escape(tier.nameZh)) <small>\(HTML.escape(tier.nameEn))</small></div>"
        }
        body += "</div><div class=\"grid\">"
        for program in overview.programs {
            body += "<section class=\"card\" data-program=\"\(HTML.escape(program.id))\"><h2>\(HTML.escape(program.nameZh)) "
                + "<small>\(HTML.escape(program.nameEn))</small></h2><table><thead><tr>"
                + "<th>指标 Indicator</th><th>数值 Value</th><th>单位 Unit</th><th>期间 Period</th><th>口径 Qualifier</th>"
                + "<th>来源 Source</th><th>质量 Quality</th><th>目标进度 Target</th><th>趋势 Trend</th></tr></thead><tbody>"
            for indicator in program.indicators {
                body += row(indicator)
            }
            body += "</tbody></table></section>"
        }
        body += "</div>"
        return PageLayout.page(title: "一屏通览 Overview", active: "overview", body: body)
    }

    /// One indicator's row.
    static func row(_ indicator: IndicatorView) -> String {
        let current = indicator.current
        let quality = current?.quality ?? []
        return "<tr data-indicator=\"\(HTML.escape(indicator.id))\" data-sequence=\"\(current?.sequence ?? 0)\">"
            + "<td>\(HTML.escape(indicator.nameZh))<br><small>\(HTML.escape(indicator.nameEn))</small></td>"
            + "<td class=\"num\" data-field=\"value\">\(HTML.escape(current?.value ?? "—"))</td>"
            + "<td>\(HTML.escape(current?.unit ?? indicator.unit))</td>"
            + "<td data-field=\"period\">\(HTML.escape(current?.period ?? "—"))</td>"
            + "<td data-field=\"qualifier\">\(HTML.escape(current?.qualifier ?? "—"))</td>"
            + "<td><span class=\"badge \(HTML.escape(current?.source ?? ""))\" data-field=\"source\">"
            + "\(HTML.escape(IndicatorCells.sourceLabel(current)))</span></td>"
            + "<td class=\"quality\(quality.isEmpty ? "" : " flagged")\" data-field=\"quality\" title=\"\(HTML.escape(quality.joined(separator: "\n")))\">"
            + "\(HTML.escape(IndicatorCells.qualityLabel(current)))</td>"
            + "<td><span data-field=\"progress\">\(HTML.escape(IndicatorCells.progressLabel(current)))</span> "
            + "<span class=\"bar\"><span style=\"width:\(IndicatorCells.progressWidth(current))%\"></span></span></td>"
            + "<td>\(TrendLine.svg(indicator.trend, label: "趋势 trend " + indicator.nameZh))</td></tr>"
    }
}
