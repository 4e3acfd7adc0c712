import Domain
import Foundation
import Testing
@testable import Extraction
import KechuangTestSupport

/// The scalar path of context reading (issue #14) against the reference `String` path: whole extractions of every
/// labelled text, and each function on many slices of them and on crafted clauses.
@Suite struct ScalarPathTests {
    static let subjects = SubjectReader()
    static let qualifiers = QualifierDetector()

    /// Normalised labelled texts (all of them standalone, so the scalar path reads them).
    static func normalizedTexts() throws -> [NormalizedText] {
        let normalizer = ReportNormalizer()
        return try LabelledSet.texts.map { normalizer.normalize(try Fixtures.text($0.text)) }
    }

    /// Clauses written to reach every rule of the readers (and the text around them).
    static let craftedClauses = [
        "2024年全年共新增", "同比增长", "较上年增加", "比上年净增", "净增", "年均增长", "下降了", "提高到", "增加达",
        "预计", "有望达到", "拟投资", "模拟", "虚拟", "草拟", "拟定", "拟稿", " 拟", "力争", "计划", "人才计划",
        "计划投资", "计划五", "计划1", "计划①", "计划Ⅰ", "计划a", "计划 新增", "计划计划", "共建", "公共", "中共",
        "年内共", "全年共", "共 ", "共", "累计", "总计为", "合计", "超过", "超", "突破了", "逾", "约为", "约", "大约",
        "将近", "接近", "最近", "附近", "近", "不足", "不到", "低于", "少于", "达到", "为", "了", "到2025年，力争",
        "至2027年", "目标是", "目标：", "计划到", "1-11月", "2024年1—11月", "2023年度", "2024年底", "12月", "3至5月",
        "其中", "自成立以来", "的企业", "企业的", "的", "  ", "", "。", "加速布局以龙头企业拉动为代表的创新联合体",
        "新增高新技术企业", "组织推荐", "“双创”人才", "《规划》", "（市）", "5G", "ICC2", "累计为", "新增 ",
        "共计", "共同", "\t同比", "\u{3000}增长", "较上一年", "较去年下降", "减少", "回落", "降低", "提升",
    ]

    @Test("the scalar path extracts every labelled text exactly as the reference path")
    func wholeExtractionsAgree() throws {
        let catalog = try Catalog.bundled()
        let fast = ReportExtractor(catalog: catalog)
        let reference = ReportExtractor(catalog: catalog, usesScalarPath: false)
        for text in LabelledSet.texts {
            let source = try Fixtures.text(text.text)
            #expect(ScalarContextReader.accepts(fast.normalize(source)), "\(text.name) is not read on the scalar path")
            let fastResult = fast.extract(source, defaultPeriod: text.defaultPeriod)
            let referenceResult = reference.extract(source, defaultPeriod: text.defaultPeriod)
            #expect(ExtractionJSON.render(fastResult) == ExtractionJSON.render(referenceResult), "\(text.name)")
            #expect(fastResult == referenceResult, "\(text.name)")
        }
    }

    @Test("each reader function answers as its String twin on slices of the labelled texts and crafted clauses")
    func functionsAgree() async throws {
        let (pieceCount, mismatches) = try await computedOnItsOwnThread { () -> (Int, [String]) in
            var pieces: [[Unicode.Scalar]] = Self.craftedClauses.map { Array($0.unicodeScalars) }
            for left in Self.craftedClauses.prefix(40) {
                for right in Self.craftedClauses.suffix(40) { pieces.append(Array((left + right).unicodeScalars)) }
            }
            for text in try Self.normalizedTexts() {
                let s = text.scalars
                for length in [1, 2, 3, 5, 8, 13, 21, 34] {
                    for start in stride(from: 0, to: max(0, s.count - length), by: 11) {
                        pieces.append(Array(s[start..<(start + length)]))
                    }
                }
            }
            var mismatches: [String] = []
            for piece in pieces {
                let slice = piece[...]
                let string = NormalizedText.string(slice)
                let context = string.replacingOccurrences(of: "\n", with: "⏎")
                if Self.subjects.clean(string) != NormalizedText.string(Self.subjects.clean(scalars: slice)) {
                    mismatches.append("clean “\(context)”")
                }
                if Self.subjects.headNoun(of: string) != Self.subjects.headNoun(scalars: slice) {
                    mismatches.append("headNoun “\(context)”")
                }
                if Self.subjects.leadingCue(string) != Self.subjects.leadingCue(scalars: slice) {
                    mismatches.append("leadingCue “\(context)”")
                }
                for after in ["", "企业", "的企业"]
                where Self.subjects.subject(before: string, after: after) != Self.subjects.subject(scalarsBefore: slice, after: after) {
                    mismatches.append("subject “\(context)” + \(after)")
                }
                let noun = Self.subjects.nounAfterUnit(scalars: slice)
                if referenceNoun(piece) != noun.noun || referenceNounEnd(piece) != noun.end {
                    mismatches.append("nounAfterUnit “\(context)”")
                }
                for (atLeast, since) in [(false, false), (true, false), (false, true)] {
                    let expected = Self.qualifiers.qualifier(
                        before: string, sentence: string, hasAtLeastSuffix: atLeast, sinceSpan: since)
                    let actual = Self.qualifiers.qualifier(
                        scalarsBefore: slice, sentence: slice, hasAtLeastSuffix: atLeast, sinceSpan: since)
                    if expected != actual { mismatches.append("qualifier “\(context)”") }
                }
                // The sentence is read apart from the clause (a planning cue earlier in the sentence).
                let sentence = Array("到2025年，".unicodeScalars) + piece
                if Self.qualifiers.qualifier(
                    before: string, sentence: NormalizedText.string(sentence[...]), hasAtLeastSuffix: false, sinceSpan: false)
                    != Self.qualifiers.qualifier(scalarsBefore: slice, sentence: sentence[...], hasAtLeastSuffix: false, sinceSpan: false) {
                    mismatches.append("qualifier with sentence “\(context)”")
                }
                if Self.qualifiers.isGrowth(string) != Self.qualifiers.isGrowth(scalars: slice) {
                    mismatches.append("isGrowth “\(context)”")
                }
                if Self.qualifiers.growth(before: string) != Self.qualifiers.growth(scalarsBefore: slice) {
                    mismatches.append("growth “\(context)”")
                }
                for figure in Self.boundFigures
                where Self.qualifiers.bound(before: string, figure: figure) != Self.qualifiers.bound(scalarsBefore: slice, figure: figure) {
                    mismatches.append("bound “\(context)” \(figure)")
                }
            }
            return (pieces.count, mismatches)
        }
        #expect(pieceCount > 6_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }

    @Test("only standalone scalars: one character each, no canonical decomposition, no combining class")
    func standaloneScalarsAreCharacters() {
        var standalone: [Unicode.Scalar] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), ScalarText.isStandalone(scalar) else { continue }
            standalone.append(scalar)
        }
        #expect(!ScalarText.isStandalone("\r") && !ScalarText.isStandalone("\u{301}") && !ScalarText.isStandalone("\u{F94F}"))
        // Neighbours to pair every standalone scalar with: every 997th of them and the usual report punctuation
        // (few enough that this test stays short: the suite's async tests share the two cores with it).
        let neighbours = stride(from: 0, to: standalone.count, by: 997).map { standalone[$0] }
            + Array("\n\t 　，。、：；！？“”（）《》—％0aA一的".unicodeScalars)
        var problems: [String] = []
        for scalar in standalone {
            let single = String(scalar)
            if scalar.properties.canonicalCombiningClass != .notReordered || scalar.properties.isGraphemeExtend
                || single.decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar]) == false
                || single.count != 1 {
                problems.append("U+\(String(scalar.value, radix: 16))")
                continue
            }
            for other in neighbours where (single + String(other)).count != 2 || (String(other) + single).count != 2 {
                problems.append("U+\(String(scalar.value, radix: 16)) next to U+\(String(other.value, radix: 16))")
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    /// Figures with each kind of suffix and bound, for ``QualifierDetector/bound(before:figure:)``.
    static let boundFigures: [ScannedFigure] = [
        ScannedFigure(numberRange: 0..<1, range: 0..<2, value: 1, unit: .jia, hasAtLeastSuffix: false),
        ScannedFigure(numberRange: 0..<1, range: 0..<2, value: 1, unit: .jia, hasAtLeastSuffix: true),
        ScannedFigure(
            numberRange: 0..<1, range: 0..<2, value: 1, unit: .jia, hasAtLeastSuffix: false, suffixBound: .approximate),
        ScannedFigure(
            numberRange: 0..<1, range: 0..<2, value: 1, unit: .jia, hasAtLeastSuffix: false, suffixBound: .upperBound),
        ScannedFigure(
            numberRange: 0..<1, range: 0..<2, value: 1, unit: .jia, hasAtLeastSuffix: false, upperValue: 2),
    ]

    /// The reference noun after a unit, as `StringContextReader.noun(after:until:)` derives it (empty when the
    /// noun read over white space does not occur as such).
    private func referenceNoun(_ piece: [Unicode.Scalar]) -> String {
        let text = NormalizedText.string(piece[...])
        let noun = Self.subjects.nounAfterUnit(Substring(text))
        return text.range(of: noun) == nil ? "" : noun
    }

    private func referenceNounEnd(_ piece: [Unicode.Scalar]) -> Int {
        let text = NormalizedText.string(piece[...])
        let noun = Self.subjects.nounAfterUnit(Substring(text))
        guard !noun.isEmpty, let range = text.range(of: noun) else { return 0 }
        return text[..<range.upperBound].unicodeScalars.count
    }
}
