import Domain

/// The scalar path of ``QualifierDetector``: the same rules on slices of normalised text, for documents made of
/// ``ScalarText/isStandalone(_:)`` scalars (see ``ScalarContextReader``).
///
/// Measured (perf, 2026-12-01, 1 MiB report): the qualifier took 10 % of extraction on `String`s (`Array(text)`
/// of characters for 拟 and 共, Foundation's `range(of:)` for 计划, suffix tests by grapheme cluster, the clause
/// compacted up to five times); here the clause is compacted once per question and tested scalar by scalar.
/// `ScalarPathTests` checks every function against its `String` twin.
extension QualifierDetector {
    static let growthCueScalars = ScalarText.words(growthCues)
    static let changeVerbScalars = ScalarText.words(changeVerbs)
    static let decreaseVerbScalars = ScalarText.words(decreaseVerbs)
    static let planningCueScalars = ScalarText.words(planningCues)
    static let approximatePrefixScalars = ScalarText.words(approximatePrefixes)
    static let upperBoundPrefixScalars = ScalarText.words(upperBoundPrefixes)
    static let projectedCueScalars = ScalarText.words(projectedCues)
    static let cumulativeCueScalars = ScalarText.words(cumulativeCues)
    static let atLeastPrefixScalars = ScalarText.words(atLeastPrefixes)
    static let annualMarkerScalars = ScalarText.words(annualMarkers)
    static let plannedVerbScalars = ScalarText.words(plannedVerbs)
    static let previousYearScalars = ScalarText.words(["较上年", "比上年", "较去年", "比去年"])
    static let previousYearBasisScalars = ScalarText.words(["较上年", "比上年", "较去年", "比去年", "较上一年"])

    private static let le = ScalarText.words(["了"])[0]
    private static let da = ScalarText.words(["达"])[0]
    private static let daDao = ScalarText.words(["达到"])[0]
    private static let wei = ScalarText.words(["为"])[0]
    private static let yueWei = ScalarText.words(["约为"])[0]
    private static let jingZeng = ScalarText.words(["净增"])[0]
    private static let nianJun = ScalarText.words(["年均"])[0]
    private static let tongBi = ScalarText.words(["同比"])[0]
    private static let liZheng = ScalarText.words(["力争"])[0]
    private static let jiHua = ScalarText.words(["计划"])[0]
    private static let zuiJin = ScalarText.words(["最近"])[0]
    private static let fuJin = ScalarText.words(["附近"])[0]

    /// ``qualifier(before:sentence:hasAtLeastSuffix:sinceSpan:)`` on scalars.
    func qualifier(
        scalarsBefore before: ScalarText.Slice, sentence: ScalarText.Slice, hasAtLeastSuffix: Bool, sinceSpan: Bool
    ) -> Qualifier {
        if isGrowth(scalars: before) { return .growthRate }
        if ScalarText.containsAny(before, Self.projectedCueScalars) { return .projected }
        if isPlanned(scalars: before) || isPlanningSentence(scalars: sentence) { return .planned }
        if ScalarText.containsAny(before, Self.cumulativeCueScalars) || hasCumulativeGong(scalars: before) || sinceSpan {
            return .cumulative
        }
        var trimmed = ScalarText.compact(before)
        if ScalarText.hasSuffix(trimmed, Self.le) { trimmed = trimmed.dropLast() }
        if hasAtLeastSuffix || Self.atLeastPrefixScalars.contains(where: { ScalarText.hasSuffix(trimmed, $0) }) {
            return .atLeast
        }
        return .exact
    }

    /// ``isGrowth(_:)`` on scalars.
    func isGrowth(scalars before: ScalarText.Slice) -> Bool {
        if ScalarText.containsAny(before, Self.growthCueScalars) { return true }
        return hasChangeVerb(scalars: before)
    }

    /// ``growth(before:)`` on scalars.
    func growth(scalarsBefore before: ScalarText.Slice) -> FigureGrowth {
        let compact = ScalarText.compact(before)
        let basis: GrowthBasis
        if ScalarText.contains(compact, Self.nianJun) {
            basis = .annualAverage
        } else if ScalarText.contains(compact, Self.tongBi) {
            basis = .yearOnYear
        } else if ScalarText.containsAny(compact, Self.previousYearBasisScalars) {
            basis = .previousYear
        } else {
            basis = .unstated
        }
        let decrease = ScalarText.containsAny(compact, Self.decreaseVerbScalars)
        return FigureGrowth(basis: basis, direction: decrease ? .decrease : .increase)
    }

    /// ``bound(before:figure:)`` on scalars.
    func bound(scalarsBefore before: ScalarText.Slice, figure: ScannedFigure) -> ValueBound? {
        if figure.upperValue != nil { return .range }
        if let suffix = figure.suffixBound, suffix != .approximate || figure.fraction == nil { return suffix }
        var trimmed = ScalarText.compact(before)
        for tail in [Self.le, Self.daDao, Self.da, Self.wei]
        where ScalarText.hasSuffix(trimmed, tail) && !ScalarText.hasSuffix(trimmed, Self.yueWei) {
            trimmed = trimmed.dropLast(tail.count)
        }
        if figure.hasAtLeastSuffix || Self.atLeastPrefixScalars.contains(where: { ScalarText.hasSuffix(trimmed, $0) }) {
            return .lowerBound
        }
        if Self.upperBoundPrefixScalars.contains(where: { ScalarText.hasSuffix(trimmed, $0) }) { return .upperBound }
        if Self.approximatePrefixScalars.contains(where: { ScalarText.hasSuffix(trimmed, $0) }),
           !ScalarText.hasSuffix(trimmed, Self.zuiJin), !ScalarText.hasSuffix(trimmed, Self.fuJin) {
            return .approximate
        }
        return figure.suffixBound
    }

    /// ``changeVerb(_:)`` on scalars (whether there is one).
    private func hasChangeVerb(scalars before: ScalarText.Slice) -> Bool {
        var trimmed = ScalarText.compact(before)
        for tail in [Self.le, Self.da] where ScalarText.hasSuffix(trimmed, tail) { trimmed = trimmed.dropLast(tail.count) }
        if ScalarText.hasSuffix(trimmed, Self.jingZeng), ScalarText.containsAny(trimmed, Self.previousYearScalars) {
            return true
        }
        return Self.changeVerbScalars.contains { ScalarText.hasSuffix(trimmed, $0) }
    }

    /// ``isPlanningSentence(_:)`` on scalars.
    private func isPlanningSentence(scalars sentence: ScalarText.Slice) -> Bool {
        let compact = ScalarText.compact(sentence)
        if ScalarText.containsAny(compact, Self.planningCueScalars) { return true }
        // 到2025年 / 至2027年 (a target year).
        var index = compact.startIndex
        while index + 5 < compact.endIndex {
            if compact[index] == "到" || compact[index] == "至",
               (1...4).allSatisfy({ ScalarClass.digitValue(compact[index + $0]) != nil }), compact[index + 5] == "年" {
                return true
            }
            index += 1
        }
        return false
    }

    /// ``isPlanned(_:)`` on scalars.
    private func isPlanned(scalars text: ScalarText.Slice) -> Bool {
        for index in text.indices where text[index] == "拟" {
            let previous: Unicode.Scalar? = index > text.startIndex ? text[index - 1] : nil
            let next: Unicode.Scalar? = index + 1 < text.endIndex ? text[index + 1] : nil
            if previous != "模", previous != "虚", previous != "草", next != "定", next != "稿" { return true }
        }
        if ScalarText.contains(text, Self.liZheng) { return true }
        var from = text.startIndex
        while let start = ScalarText.firstIndex(of: Self.jiHua, in: text, from: from) {
            let after = text[(start + Self.jiHua.count)...]
            if after.isEmpty || Self.plannedVerbScalars.contains(where: { ScalarText.hasPrefix(after, $0) })
                || after.first.map({ $0.properties.numericType != nil }) == true {
                return true
            }
            from = after.startIndex
        }
        return false
    }

    /// ``hasCumulativeGong(_:)`` on scalars.
    private func hasCumulativeGong(scalars text: ScalarText.Slice) -> Bool {
        for index in text.indices where text[index] == "共" {
            let previous: Unicode.Scalar? = index > text.startIndex ? text[index - 1] : nil
            let next: Unicode.Scalar? = index + 1 < text.endIndex ? text[index + 1] : nil
            if let previous, previous == "公" || previous == "中" { continue }
            if let next, Self.isSharedGongFollower(next) { continue }
            if ScalarText.containsAny(text[..<index], Self.annualMarkerScalars) { continue }
            return true
        }
        return false
    }

    /// The scalars after 共 that make a word (共建 共享 …: `"建享同性识赢生治创商青产用"`).
    private static func isSharedGongFollower(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "建", "享", "同", "性", "识", "赢", "生", "治", "创", "商", "青", "产", "用": true
        default: false
        }
    }
}
