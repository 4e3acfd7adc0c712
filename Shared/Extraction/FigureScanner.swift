import Domain
import Foundation

/// A number with its unit found in normalised text, before context (qualifier, period, subject) is read.
struct ScannedFigure: Sendable, Equatable {
    /// Normalised range of the number itself (digits, separators, Chinese numerals, 万/亿 multiplier).
    var numberRange: Range<Int>
    /// Normalised range from the number through the unit and a 以上/多/余 suffix.
    var range: Range<Int>
    /// The value in `unit` (1.2万家 → 12000 家; 1.437亿元 → 1.437 亿元).
    var value: Decimal
    /// The unit.
    var unit: MeasureUnit
    /// Whether 多/余/以上 around the number marks a lower bound.
    var hasAtLeastSuffix: Bool
}

/// Finds counts, amounts and percentages: a number followed by a unit. Ordinals (第十三届), ranks (前10名),
/// dates and years (2024年, 8月), durations (3个月), codes (ICC2, 5G), formulas (“1+1+8+N”, “8×10”), quoted
/// slogans (“两个率先”), list numbers and numbers without a unit (“345”发展战略, 3 年蓄势) are not figures.
struct FigureScanner: Sendable {
    /// Units by decreasing symbol length so 亿元 wins over 元.
    private let units: [(symbol: [Unicode.Scalar], unit: MeasureUnit)]

    /// Nouns that make `<Chinese numeral>个<noun>` a count of things rather than a slogan (四个全面, 两个第一).
    static let countableAfterGe: [String] = [
        "项目", "平台", "中心", "基地", "团队", "园区", "载体", "专项", "企业", "机构", "实验室", "单位", "课题",
    ]
    /// Verbs that may follow a count directly (二百多个报名, 十个签约落地).
    static let verbsAfterCount: [String] = ["以上", "报名", "参赛", "签约", "落地", "入驻", "投产", "开工", "入选", "获批"]
    /// Words after 个 that make the figure a duration or a percentage-point change, not a count.
    static let notCountAfterGe: [String] = ["百分点", "月", "工作日", "小时", "季度", "星期", "批次"]

    init() {
        var units = MeasureUnit.allCases.map { (symbol: Array($0.rawValue.unicodeScalars), unit: $0) }
        units.append((symbol: Array("％".unicodeScalars), unit: .percent))
        units.append((symbol: Array("﹪".unicodeScalars), unit: .percent))
        self.units = units.sorted { $0.symbol.count > $1.symbol.count }
    }

    /// Every figure in `text`, in text order; headings are skipped.
    func scan(_ text: NormalizedText) -> [ScannedFigure] {
        let s = text.scalars
        var figures: [ScannedFigure] = []
        var index = 0
        while index < s.count {
            if text.isHeading[index] {
                index += 1
                continue
            }
            if let figure = figure(at: index, in: s) {
                figures.append(figure)
                index = figure.range.upperBound
            } else {
                index = skipNumber(at: index, in: s)
            }
        }
        return figures
    }

    /// The index after the number starting at `index` (or `index + 1`), so its tail is not re-read.
    private func skipNumber(at index: Int, in s: [Unicode.Scalar]) -> Int {
        var end = index + 1
        if ScalarClass.digitValue(s[index]) != nil {
            while end < s.count, ScalarClass.digitValue(s[end]) != nil || ".．,".unicodeScalars.contains(s[end]) {
                end += 1
            }
        } else if ChineseNumeral.isNumeralScalar(s[index]) {
            while end < s.count, ChineseNumeral.isNumeralScalar(s[end]) { end += 1 }
        }
        return end
    }

    private func figure(at start: Int, in s: [Unicode.Scalar]) -> ScannedFigure? {
        let previous: Unicode.Scalar? = start > 0 ? s[start - 1] : nil
        var value: Decimal
        var cursor: Int
        let isChinese: Bool
        if ScalarClass.digitValue(s[start]) != nil {
            if let previous, ScalarClass.digitValue(previous) != nil || ScalarClass.isLatinLetter(previous)
                || ".．".unicodeScalars.contains(previous) {
                return nil
            }
            guard let (number, end) = arabicNumber(at: start, in: s) else { return nil }
            value = number
            cursor = end
            isChinese = false
        } else if ChineseNumeral.canStartNumeral(s[start]) {
            if let previous, ChineseNumeral.isNumeralScalar(previous) { return nil }
            var end = start
            while end < s.count, ChineseNumeral.isNumeralScalar(s[end]) { end += 1 }
            // 五万元: the trailing 万/亿 belongs to the unit.
            if end - start >= 2, end < s.count, s[end] == "元", ChineseNumeral.largeUnits[s[end - 1]] != nil {
                end -= 1
            }
            guard let number = ChineseNumeral.value(of: NormalizedText.string(s[start..<end])) else { return nil }
            // A lone 一 is the indefinite article (一个平台, 一项举措); a numeral right after an opening quote
            // names a slogan (“两个率先”).
            if end - start == 1 && number == 1 { return nil }
            if let previous, "“‘「『\"".unicodeScalars.contains(previous) { return nil }
            value = number
            cursor = end
            isChinese = true
        } else {
            return nil
        }
        let numberEnd = cursor

        // Ordinals, ranks and formula members.
        if let previous, previous == "第" || previous == "前" || ScalarClass.isFormulaSign(previous) { return nil }
        if cursor < s.count, ScalarClass.isFormulaSign(s[cursor]) || ScalarClass.isLatinLetter(s[cursor]) {
            return nil
        }

        var atLeast = false
        if cursor < s.count, s[cursor] == "多" || s[cursor] == "余" {
            atLeast = true
            cursor += 1
        }
        cursor = ScalarClass.skipBlanks(from: cursor, in: s)
        // 万/亿 multiplier, unless it starts the unit 万元/亿元.
        if !isChinese, cursor < s.count, let multiplier = ChineseNumeral.largeUnits[s[cursor]],
           !(cursor + 1 < s.count && s[cursor + 1] == "元") {
            value *= multiplier
            cursor += 1
            if cursor < s.count, s[cursor] == "多" || s[cursor] == "余" {
                atLeast = true
                cursor += 1
            }
            cursor = ScalarClass.skipBlanks(from: cursor, in: s)
        }
        guard let (unit, unitEnd) = unit(at: cursor, in: s) else { return nil }
        guard accepts(unit: unit, after: unitEnd, chinese: isChinese, in: s) else { return nil }
        var end = unitEnd
        if ScalarClass.has("以上", at: end, in: s) {
            atLeast = true
            end += 2
        } else if end < s.count, s[end] == "多" || s[end] == "余", unit != .ren, unit != .jia {
            atLeast = true
            end += 1
        }
        return ScannedFigure(
            numberRange: start..<numberEnd, range: start..<end, value: value, unit: unit, hasAtLeastSuffix: atLeast)
    }

    /// An Arabic number at `start`: digits, `,` thousands groups of exactly three digits, one decimal point.
    private func arabicNumber(at start: Int, in s: [Unicode.Scalar]) -> (Decimal, Int)? {
        var end = start
        var sawPoint = false
        while end < s.count {
            if ScalarClass.digitValue(s[end]) != nil {
                end += 1
            } else if s[end] == ",", !sawPoint, isThousandsGroup(after: end, in: s) {
                end += 1
            } else if s[end] == "." || s[end] == "．", !sawPoint, end + 1 < s.count,
                      ScalarClass.digitValue(s[end + 1]) != nil {
                sawPoint = true
                end += 1
            } else {
                break
            }
        }
        guard let value = ChineseNumeral.arabicValue(of: NormalizedText.string(s[start..<end])) else { return nil }
        return (value, end)
    }

    /// Whether the `,` at `comma` is followed by exactly three digits (then no further digit).
    private func isThousandsGroup(after comma: Int, in s: [Unicode.Scalar]) -> Bool {
        let group = (comma + 1)..<(comma + 4)
        guard group.upperBound <= s.count, group.allSatisfy({ ScalarClass.digitValue(s[$0]) != nil }) else {
            return false
        }
        return group.upperBound == s.count || ScalarClass.digitValue(s[group.upperBound]) == nil
    }

    private func unit(at index: Int, in s: [Unicode.Scalar]) -> (MeasureUnit, Int)? {
        for candidate in units where ScalarClass.has(candidate.symbol, at: index, in: s) {
            return (candidate.unit, index + candidate.symbol.count)
        }
        return nil
    }

    /// Rejects unit characters that are really the start of another word (十分重要, 三分之一, 3个月, 四个全面).
    private func accepts(unit: MeasureUnit, after end: Int, chinese: Bool, in s: [Unicode.Scalar]) -> Bool {
        let next: Unicode.Scalar? = end < s.count ? s[end] : nil
        switch unit {
        case .ge:
            if FigureScanner.notCountAfterGe.contains(where: { ScalarClass.has($0, at: end, in: s) }) { return false }
            if chinese, let next, ScalarClass.isCJK(next) {
                // After a Chinese-numeral count, 个 must be followed by a countable noun, a verb or 以上;
                // anything else is a slogan (四个全面, 三个维度, 两个第一).
                let followers = FigureScanner.countableAfterGe + SubjectReader.verbs + FigureScanner.verbsAfterCount
                return followers.contains { ScalarClass.has($0, at: end, in: s) }
            }
            return true
        case .fen:
            guard let next else { return true }
            return !ScalarClass.isCJK(next) || ScalarClass.has("以上", at: end, in: s) || next == "的"
        case .suo:
            return next != "得" && next != "有" && next != "以"
        case .ci:
            return next != "序" && next != "要"
        case .ming:
            return next != "企" && next != "牌" && next != "校"
        default:
            return true
        }
    }
}
