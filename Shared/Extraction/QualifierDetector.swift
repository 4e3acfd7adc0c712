import Domain
import Foundation

/// Reads the cue words around a figure within its clause and decides its ``Qualifier``.
///
/// Precedence when several cues apply: growth rate, projected, planned, cumulative, at least, exact.
/// - growth_rate: 同比 增长 增幅 增速 年均 before the number in the clause, or 增加 提高 提升 下降 减少 降低 上升
///   回落 right before it (提高到 提升至 state a new level, not a change).
/// - projected: 预计 预期 有望 before the number in the clause.
/// - planned: 拟 (not 模拟 虚拟 拟定), 力争, 计划 used as a verb (计划投资, 计划新增 …; not 人才计划), or a planning
///   sentence: 到/至2025年, 目标是, 力争, 计划到 earlier in the sentence (计划共建 is planned too; 争取 and 规划 are
///   not cues: 争取上级项目18项 and 规划用地860亩 report what happened).
/// - cumulative: 累计 总计 合计, 共 (not 共建 公共 …; not after 年内/全年, which make it an annual total),
///   or a covering `…以来` span.
/// - at_least: 超 超过 突破 逾 directly before the number, 多/余 after it, 以上 after the unit.
struct QualifierDetector: Sendable {
    static let growthCues = ["同比", "增长", "增幅", "增速", "年均"]
    /// Change verbs that make the figure right after them a growth (较上年增加5家, 提高0.2个百分点).
    static let changeVerbs = ["增加", "提高", "提升", "上升", "下降", "减少", "降低", "回落"]
    /// Change verbs of a decrease.
    static let decreaseVerbs = ["下降", "减少", "降低", "回落"]
    /// Cues of a planning sentence (目标 到2025年 …), read from the sentence start to the figure.
    static let planningCues = ["目标是", "目标为", "目标：", "力争", "计划到", "计划至"]
    /// Cues of an approximate figure right before the number (约 大约 近 将近 接近).
    static let approximatePrefixes = ["大约", "约为", "约", "将近", "接近", "近"]
    /// Cues of an upper bound right before the number (不足 不到 低于 少于).
    static let upperBoundPrefixes = ["不足", "不到", "低于", "少于"]
    static let projectedCues = ["预计", "预期", "有望"]
    static let cumulativeCues = ["累计", "总计", "合计"]
    static let atLeastPrefixes = ["超过", "超", "突破", "逾"]
    static let annualMarkers = ["年内", "全年", "当年", "本年", "今年"]
    static let plannedVerbs = [
        "投资", "新增", "实施", "完成", "引进", "建设", "培育", "开工", "招引", "打造", "争取", "建成", "推动",
        "实现", "组织", "安排", "申报", "投入", "发放", "认定", "落地", "共建",
    ]

    /// The qualifier for a figure whose clause text before the number is `before` and whose sentence text
    /// before the number is `sentence` (defaults to the clause).
    func qualifier(before: String, sentence: String? = nil, hasAtLeastSuffix: Bool, sinceSpan: Bool) -> Qualifier {
        if isGrowth(before) { return .growthRate }
        if CompactText.containsAny(before, Self.projectedCues) { return .projected }
        if isPlanned(before) || isPlanningSentence(sentence ?? before) { return .planned }
        if CompactText.containsAny(before, Self.cumulativeCues) || hasCumulativeGong(before) || sinceSpan {
            return .cumulative
        }
        var trimmed = Substring(CompactText.withoutWhiteSpace(before))
        if trimmed.hasSuffix("了") { trimmed = trimmed.dropLast() }
        if hasAtLeastSuffix || Self.atLeastPrefixes.contains(where: { trimmed.hasSuffix($0) }) { return .atLeast }
        return .exact
    }

    /// Whether the clause before a number makes it a growth (see the type's rules).
    func isGrowth(_ before: String) -> Bool {
        if CompactText.containsAny(before, Self.growthCues) { return true }
        return changeVerb(before) != nil
    }

    /// The change verb ending `before` (了 达 allowed after it), if any.
    private func changeVerb(_ before: String) -> String? {
        var trimmed = Substring(CompactText.withoutWhiteSpace(before))
        for tail in ["了", "达"] where trimmed.hasSuffix(tail) { trimmed = trimmed.dropLast(tail.count) }
        // 净增 is a change only against a stated basis (比上年净增7家); alone it is the year's net addition.
        if trimmed.hasSuffix("净增"), CompactText.containsAny(trimmed, ["较上年", "比上年", "较去年", "比去年"]) { return "净增" }
        return Self.changeVerbs.first { trimmed.hasSuffix($0) }
    }

    /// How a growth figure relates to its base: basis (同比 较上年 年均) and direction (下降 减少 → decrease).
    func growth(before: String) -> FigureGrowth {
        let compact = CompactText.withoutWhiteSpace(before)
        let basis: GrowthBasis
        if CompactText.contains(compact, "年均") {
            basis = .annualAverage
        } else if CompactText.contains(compact, "同比") {
            basis = .yearOnYear
        } else if CompactText.containsAny(compact, ["较上年", "比上年", "较去年", "比去年", "较上一年"]) {
            basis = .previousYear
        } else {
            basis = .unstated
        }
        let decrease = CompactText.containsAny(compact, Self.decreaseVerbs)
        return FigureGrowth(basis: basis, direction: decrease ? .decrease : .increase)
    }

    /// The bound a figure's cues state: a range, 约/近/左右 (approximate), 不足/以下 (upper), 超过/突破/逾/以上/多/余
    /// (lower); `nil` for a plain figure.
    func bound(before: String, figure: ScannedFigure) -> ValueBound? {
        if figure.upperValue != nil { return .range }
        if let suffix = figure.suffixBound, suffix != .approximate || figure.fraction == nil { return suffix }
        var trimmed = Substring(CompactText.withoutWhiteSpace(before))
        for tail in ["了", "达到", "达", "为"] where trimmed.hasSuffix(tail) && !trimmed.hasSuffix("约为") {
            trimmed = trimmed.dropLast(tail.count)
        }
        if figure.hasAtLeastSuffix || Self.atLeastPrefixes.contains(where: { trimmed.hasSuffix($0) }) { return .lowerBound }
        if Self.upperBoundPrefixes.contains(where: { trimmed.hasSuffix($0) }) { return .upperBound }
        if Self.approximatePrefixes.contains(where: { trimmed.hasSuffix($0) }), !trimmed.hasSuffix("最近"),
           !trimmed.hasSuffix("附近") {
            return .approximate
        }
        return figure.suffixBound
    }

    /// A sentence stating a target (`到2025年，力争…`, `目标是…`).
    private func isPlanningSentence(_ sentence: String) -> Bool {
        let compact = CompactText.withoutWhiteSpace(sentence)
        if CompactText.containsAny(compact, Self.planningCues) { return true }
        // 到2025年 / 至2027年 (a target year).
        let scalars = Array(compact.unicodeScalars)
        var index = 0
        while index + 5 < scalars.count {
            if scalars[index] == "到" || scalars[index] == "至",
               (1...4).allSatisfy({ ScalarClass.digitValue(scalars[index + $0]) != nil }), scalars[index + 5] == "年" {
                return true
            }
            index += 1
        }
        return false
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
        if CompactText.contains(text, "力争") { return true }
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
            if CompactText.containsAny(before, Self.annualMarkers) { continue }
            return true
        }
        return false
    }
}
