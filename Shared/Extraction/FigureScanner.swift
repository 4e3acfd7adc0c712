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
    /// 左右/上下 after the unit (approximate) or 以下/以内 (upper bound).
    var suffixBound: ValueBound? = nil
    /// The upper end of a range (`10—20家`: value 10, upper 20).
    var upperValue: Decimal? = nil
    /// The exact ratio of a Chinese fraction (`三分之一`; value 33.33 %).
    var fraction: FigureFraction? = nil
    /// For a rank (`列苏州县（市）第一`): the place and scope; the figure's unit is 名.
    var rank: FigureRank? = nil
    /// For a rank: where its ranking verb (列 位居 排名 …) starts; the subject is read before it.
    var rankVerbStart: Int? = nil
}

/// Finds counts, amounts, percentages and physical quantities: a number followed by a unit (`259家`,
/// `1.2万平方米`, `0.2个百分点`, `1.5倍`, `200P` of 算力), a range (`10—20家`), a percentage or fraction in words
/// (`百分之十五`, `三分之一`) and a rank after a ranking verb (`列全省第一`, `位居第3`). Ordinals (第十三届), top-N
/// lists (前10名), dates and years (2024年, 8月), durations (3个月), codes (ICC2, 5G), formulas (“1+1+8+N”,
/// “8×10”), quoted slogans (“两个率先”), list numbers and numbers without a unit (“345”发展战略, 3 年蓄势,
/// 国科发火〔2016〕32号, 0512-58680000) are not figures.
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
    /// Signs between the two ends of a range (`10—20家`, `3至5个`).
    static let rangeSigns: Set<Unicode.Scalar> = ["—", "–", "-", "－", "~", "～", "至", "到"]
    /// `rangeSigns.contains(scalar)` without hashing the scalar (asked after every number; `ScalarClassTests`
    /// checks it against the set for every scalar).
    @inline(__always)
    static func isRangeSign(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "—", "–", "-", "－", "~", "～", "至", "到": true
        default: false
        }
    }
    /// Verbs that make a following `第N` a place in a ranking (列全省第一, 位居第3, 排名全市第二).
    static let rankVerbs: [String] = ["位居", "位列", "名列", "排名", "排在", "居于", "列", "居", "排"]
    /// Extra symbols of units beyond the raw values.
    static let unitAliases: [(String, MeasureUnit)] = [
        ("％", .percent), ("﹪", .percent), ("百分点", .percentagePoint), ("Pflops", .petaflops), ("PFlops", .petaflops),
        ("P", .petaflops),
    ]

    init() {
        var units = MeasureUnit.allCases.map { (symbol: Array($0.rawValue.unicodeScalars), unit: $0) }
        units += Self.unitAliases.map { (symbol: Array($0.0.unicodeScalars), unit: $0.1) }
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
            // Only a digit, a numeral or 百 第 首 can start a figure (the first tests `figure(at:)` and
            // `wordFigure(at:)` make). Asking them only there, one call at a time, saves copying an optional
            // `ScannedFigure` (≈ 170 bytes) for every scalar of the text: a fifth of scanning (perf, 2026-12-01).
            let scalar = s[index]
            if ScalarClass.digitValue(scalar) != nil || ChineseNumeral.canStartNumeral(scalar),
               let figure = figure(at: index, in: s) {
                figures.append(figure)
                index = figure.range.upperBound
            } else if scalar == "百" || scalar == "第" || scalar == "首", let figure = wordFigure(at: index, in: s) {
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
            while end < s.count, ScalarClass.digitValue(s[end]) != nil || s[end] == "." || s[end] == "．" || s[end] == "," {
                end += 1
            }
        } else if ChineseNumeral.isNumeralScalar(s[index]) {
            while end < s.count, ChineseNumeral.isNumeralScalar(s[end]) { end += 1 }
        }
        return end
    }

    private func figure(at start: Int, in s: [Unicode.Scalar]) -> ScannedFigure? {
        let previous: Unicode.Scalar? = start > 0 ? s[start - 1] : nil
        if ScalarClass.digitValue(s[start]) != nil {
            if let previous, ScalarClass.digitValue(previous) != nil || ScalarClass.isLatinLetter(previous)
                || previous == "." || previous == "．" {
                return nil
            }
        } else if ChineseNumeral.canStartNumeral(s[start]) {
            if let previous, ChineseNumeral.isNumeralScalar(previous) { return nil }
        } else {
            return nil
        }
        guard let first = number(at: start, in: s) else { return nil }
        var value = first.value
        var cursor = first.end
        let isChinese = first.chinese
        if isChinese {
            // A lone 一 is the indefinite article (一个平台, 一项举措); a numeral right after an opening quote
            // names a slogan (“两个率先”).
            if cursor - start == 1 && value == 1 { return nil }
            if let previous, "“‘「『\"".unicodeScalars.contains(previous) { return nil }
        }
        let numberEnd = cursor

        // Ordinals, ranks and formula members.
        if let previous, previous == "第" || previous == "前" || ScalarClass.isFormulaSign(previous) { return nil }

        // A fraction in words: 三分之一, 3分之1.
        if ScalarClass.has("分之", at: cursor, in: s) {
            return fractionFigure(start: start, denominator: value, after: cursor + 2, in: s)
        }

        // A range: 10—20家, 3至5个, 1-2万人.
        var upper: Decimal?
        if cursor < s.count, Self.isRangeSign(s[cursor]) {
            var next = cursor + 1
            if next < s.count, s[next] == s[cursor], s[cursor] == "—" { next += 1 }
            guard next < s.count, let second = number(at: next, in: s), second.chinese == isChinese,
                  second.value > value
            else { return nil }
            upper = second.value
            cursor = second.end
        }
        if cursor < s.count, ScalarClass.isFormulaSign(s[cursor]) { return nil }
        if cursor < s.count, ScalarClass.isLatinLetter(s[cursor]), computingUnit(at: cursor, in: s) == nil { return nil }

        var atLeast = false
        if cursor < s.count, s[cursor] == "多" || s[cursor] == "余" {
            atLeast = true
            cursor += 1
        }
        cursor = ScalarClass.skipBlanks(from: cursor, in: s)
        // 万/亿 multiplier, unless it starts a unit (万元 亿元 万平方米 万吨 万千瓦).
        if !isChinese, cursor < s.count, let multiplier = ChineseNumeral.largeUnitValue(s[cursor]),
           unit(at: cursor, in: s) == nil {
            value *= multiplier
            upper = upper.map { $0 * multiplier }
            cursor += 1
            if cursor < s.count, s[cursor] == "多" || s[cursor] == "余" {
                atLeast = true
                cursor += 1
            }
            cursor = ScalarClass.skipBlanks(from: cursor, in: s)
        }
        guard let (unit, unitEnd) = unit(at: cursor, in: s) else { return nil }
        guard accepts(unit: unit, after: unitEnd, chinese: isChinese, in: s) else { return nil }
        if unit == .petaflops, computingUnit(at: cursor, in: s) == nil { return nil }
        var end = unitEnd
        var suffixBound: ValueBound?
        if ScalarClass.has("以上", at: end, in: s) {
            atLeast = true
            end += 2
        } else if end < s.count, s[end] == "多" || s[end] == "余", unit != .ren, unit != .jia {
            atLeast = true
            end += 1
        } else if ScalarClass.has("左右", at: end, in: s) || ScalarClass.has("上下", at: end, in: s) {
            suffixBound = .approximate
            end += 2
        } else if ScalarClass.has("以下", at: end, in: s) || ScalarClass.has("以内", at: end, in: s) {
            suffixBound = .upperBound
            end += 2
        }
        return ScannedFigure(
            numberRange: start..<numberEnd, range: start..<end, value: value, unit: unit, hasAtLeastSuffix: atLeast,
            suffixBound: suffixBound, upperValue: upper)
    }

    /// A number at `start`, Arabic (`1,150`, `42.37`, full-width digits) or Chinese (`二百零五`; a trailing 万/亿
    /// that starts a unit such as 万元 or 万平方米 is left to the unit).
    private func number(at start: Int, in s: [Unicode.Scalar]) -> (value: Decimal, end: Int, chinese: Bool)? {
        if ScalarClass.digitValue(s[start]) != nil {
            guard let (value, end) = arabicNumber(at: start, in: s) else { return nil }
            return (value, end, false)
        }
        guard ChineseNumeral.canStartNumeral(s[start]) else { return nil }
        var end = start
        while end < s.count, ChineseNumeral.isNumeralScalar(s[end]) { end += 1 }
        // 五万元 两万平方米: the trailing 万/亿 belongs to the unit.
        if end - start >= 2, ChineseNumeral.largeUnitValue(s[end - 1]) != nil, unit(at: end - 1, in: s) != nil {
            end -= 1
        }
        guard let value = ChineseNumeral.value(of: NormalizedText.string(s[start..<end])) else { return nil }
        return (value, end, true)
    }

    /// `三分之一` (denominator already read): a share in percent keeping the exact fraction.
    private func fractionFigure(start: Int, denominator: Decimal, after index: Int, in s: [Unicode.Scalar]) -> ScannedFigure? {
        guard index < s.count, let numerator = number(at: index, in: s),
              let top = Int(exactly: NSDecimalNumber(decimal: numerator.value).intValue),
              let bottom = Int(exactly: NSDecimalNumber(decimal: denominator).intValue),
              Decimal(top) == numerator.value, Decimal(bottom) == denominator, bottom > 0, top > 0, top <= bottom
        else { return nil }
        let fraction = FigureFraction(numerator: top, denominator: bottom)
        var end = numerator.end
        var atLeast = false
        if ScalarClass.has("以上", at: end, in: s) || ScalarClass.has("多", at: end, in: s) {
            atLeast = true
            end += ScalarClass.has("以上", at: end, in: s) ? 2 : 1
        }
        return ScannedFigure(
            numberRange: start..<numerator.end, range: start..<end, value: fraction.percent, unit: .percent,
            hasAtLeastSuffix: atLeast, suffixBound: fraction.isExactInPercent ? nil : .approximate, fraction: fraction)
    }

    /// Figures that do not start with a number: a percentage in words (`百分之十五`, `百分之百`) and a rank
    /// (`第一` or `首位` after 列 位居 排名 …).
    private func wordFigure(at start: Int, in s: [Unicode.Scalar]) -> ScannedFigure? {
        if s[start] == "百", ScalarClass.has("百分之", at: start, in: s) {
            let numberStart = start + 3
            guard numberStart < s.count else { return nil }
            if s[numberStart] == "百" {
                return ScannedFigure(
                    numberRange: start..<(numberStart + 1), range: start..<(numberStart + 1), value: 100, unit: .percent,
                    hasAtLeastSuffix: false)
            }
            guard let number = number(at: numberStart, in: s) else { return nil }
            var end = number.end
            var atLeast = false
            if ScalarClass.has("以上", at: end, in: s) {
                atLeast = true
                end += 2
            }
            return ScannedFigure(
                numberRange: start..<number.end, range: start..<end, value: number.value, unit: .percent,
                hasAtLeastSuffix: atLeast)
        }
        if s[start] == "第" || (s[start] == "首" && ScalarClass.has("首位", at: start, in: s)) {
            return rankFigure(at: start, in: s)
        }
        return nil
    }

    /// `列苏州县（市）第一`, `位居全省第3位`, `排名全市首位`: a rank when a ranking verb precedes it in the clause
    /// and nothing but 名/位 and punctuation follows (列入第三批, 位居第一方阵 are not ranks).
    private func rankFigure(at start: Int, in s: [Unicode.Scalar]) -> ScannedFigure? {
        var position: Int
        var end: Int
        if s[start] == "首" {
            position = 1
            end = start + 2
        } else {
            guard start + 1 < s.count, let number = number(at: start + 1, in: s),
                  let place = Int(exactly: NSDecimalNumber(decimal: number.value).intValue),
                  Decimal(place) == number.value, place > 0, place < 1000
            else { return nil }
            position = place
            end = number.end
            if end < s.count, s[end] == "名" || s[end] == "位" { end += 1 }
        }
        if end < s.count, ScalarClass.isCJK(s[end]) || ScalarClass.digitValue(s[end]) != nil
            || ScalarClass.isLatinLetter(s[end]) {
            return nil
        }
        // The ranking verb: the last one in the clause, at most 16 scalars back.
        var cursor = start - 1
        var verbStart: Int?
        var verbEnd = start
        while cursor >= 0, start - cursor <= 16, !ScalarClass.endsClause(s[cursor]) {
            if let verb = Self.rankVerbs.first(where: { ScalarClass.has($0, at: cursor, in: s) }) {
                // 列入 系列 排放 are not ranking verbs.
                let after = cursor + verb.unicodeScalars.count
                let next: Unicode.Scalar? = after < s.count ? s[after] : nil
                let before: Unicode.Scalar? = cursor > 0 ? s[cursor - 1] : nil
                let falseVerb = (verb == "列" && (next == "入" || before == "系" || before == "并" || before == "排"))
                    || (verb == "排" && (next == "放" || next == "查" || next == "污" || next == "名"))
                    || (verb == "居" && (before == "位" || before == "民" || next == "住" || next == "民"))
                if !falseVerb {
                    verbStart = cursor
                    verbEnd = after
                    break
                }
            }
            cursor -= 1
        }
        guard let verbStart else { return nil }
        let scope = CompactText.withoutWhiteSpace(NormalizedText.string(s[verbEnd..<start]))
        let numberStart = s[start] == "首" ? start : start + 1
        return ScannedFigure(
            numberRange: numberStart..<end, range: start..<end, value: Decimal(position), unit: .ming,
            hasAtLeastSuffix: false, rank: FigureRank(position: position, scope: scope.isEmpty ? nil : scope),
            rankVerbStart: verbStart)
    }

    /// `PFLOPS`/`Pflops`, or a bare `P` when 算力 appears shortly before (`算力规模达200P`): the end of the unit,
    /// `nil` otherwise (5G, ICC2 are codes).
    private func computingUnit(at index: Int, in s: [Unicode.Scalar]) -> Int? {
        for symbol in ["PFLOPS", "Pflops", "PFlops", "P"] where ScalarClass.has(symbol, at: index, in: s) {
            let end = index + symbol.unicodeScalars.count
            if end < s.count, ScalarClass.isLatinLetter(s[end]) || ScalarClass.digitValue(s[end]) != nil { continue }
            if symbol == "P" {
                let from = max(0, index - 24)
                let window = NormalizedText.string(s[from..<index])
                guard window.contains("算力") else { return nil }
            }
            return end
        }
        return nil
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
        guard let value = ChineseNumeral.arabicValue(scalars: s[start..<end]) else { return nil }
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
