import Domain
import Foundation

/// Reads the cue words around a figure within its clause and decides its ``Qualifier``.
///
/// Precedence when several cues apply: growth rate, projected, planned, cumulative, at least, exact.
/// - growth_rate: 同比 增长 增幅 增速 before the number in the clause.
/// - projected: 预计 预期 有望 before the number in the clause.
/// - planned: 拟 (not 模拟 虚拟 拟定), 力争, 计划 used as a verb (计划投资, 计划新增 …; not 人才计划).
/// - cumulative: 累计 总计 合计, 共 (not 共建 公共 …; not after 年内/全年, which make it an annual total),
///   or a covering `…以来` span.
/// - at_least: 超 超过 突破 逾 directly before the number, 多/余 after it, 以上 after the unit.
struct QualifierDetector: Sendable {
    static let growthCues = ["同比", "增长", "增幅", "增速"]
    static let projectedCues = ["预计", "预期", "有望"]
    static let cumulativeCues = ["累计", "总计", "合计"]
    static let atLeastPrefixes = ["超过", "超", "突破", "逾"]
    static let annualMarkers = ["年内", "全年", "当年", "本年", "今年"]
    static let plannedVerbs = [
        "投资", "新增", "实施", "完成", "引进", "建设", "培育", "开工", "招引", "打造", "争取", "建成", "推动",
        "实现", "组织", "安排", "申报", "投入", "发放", "认定", "落地",
    ]

    /// The qualifier for a figure whose clause text before the number is `before`.
    func qualifier(before: String, hasAtLeastSuffix: Bool, sinceSpan: Bool) -> Qualifier {
        if Self.growthCues.contains(where: before.contains) { return .growthRate }
        if Self.projectedCues.contains(where: before.contains) { return .projected }
        if isPlanned(before) { return .planned }
        if Self.cumulativeCues.contains(where: before.contains) || hasCumulativeGong(before) || sinceSpan {
            return .cumulative
        }
        var trimmed = Substring(before.filter { !$0.isWhitespace })
        if trimmed.hasSuffix("了") { trimmed = trimmed.dropLast() }
        if hasAtLeastSuffix || Self.atLeastPrefixes.contains(where: { trimmed.hasSuffix($0) }) { return .atLeast }
        return .exact
    }

    private func isPlanned(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "拟", previous != "模", previous != "虚", previous != "草", next != "定", next != "稿" {
                return true
            }
        }
        if text.contains("力争") { return true }
        var rest = Substring(text)
        while let range = rest.range(of: "计划") {
            let after = rest[range.upperBound...]
            if after.isEmpty || Self.plannedVerbs.contains(where: after.hasPrefix)
                || after.first.map({ $0.isNumber }) == true {
                return true
            }
            rest = after
        }
        return false
    }

    /// 共 as "in total" (共过会项目27个), not in 共建 共享 公共 中共; and not after 年内 (an annual total).
    private func hasCumulativeGong(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "共" {
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if let previous, "公中".contains(previous) { continue }
            if let next, "建享同性识赢生治创商青产用".contains(next) { continue }
            let before = String(characters[..<index])
            if Self.annualMarkers.contains(where: before.contains) { continue }
            return true
        }
        return false
    }
}
