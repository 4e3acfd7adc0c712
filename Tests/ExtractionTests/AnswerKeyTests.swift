import Domain
import Foundation
import Testing
@testable import Extraction

/// The seed report and the extra county fixtures against their hand-made answer keys.
@Suite("answer keys: every figure found, nothing else")
struct AnswerKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: URL
        var key: URL
        var defaultPeriod: String
        var testDescription: String { text.lastPathComponent }
    }

    static let cases: [Case] = [
        Case(
            text: Fixtures.sharedReports.appendingPathComponent("zhangjiagang-2024.txt"),
            key: Fixtures.sharedReports.appendingPathComponent("zhangjiagang-2024.expected.json"),
            defaultPeriod: "2024"),
        Case(
            text: Fixtures.directory.appendingPathComponent("jiangyang-2024.txt"),
            key: Fixtures.directory.appendingPathComponent("jiangyang-2024.expected.json"),
            defaultPeriod: "2024"),
        Case(
            text: Fixtures.directory.appendingPathComponent("xishan-2023.txt"),
            key: Fixtures.directory.appendingPathComponent("xishan-2023.expected.json"),
            defaultPeriod: "2023"),
    ]

    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    @Test("every answer-key entry is found with its value, unit, qualifier, period and an indicator", arguments: cases)
    func everyEntryFound(_ testCase: Case) throws {
        let text = try Fixtures.text(testCase.text)
        let key = try Fixtures.answerKey(testCase.key)
        let result = extractor.extract(text, defaultPeriod: testCase.defaultPeriod, documentID: "doc-1")
        try #require(!key.isEmpty)
        for entry in key {
            #expect(!scalarRanges(of: entry.phrase, in: text).isEmpty, "key phrase not in text: \(entry)")
            guard let found = observation(answering: entry, in: result, text: text) else {
                Issue.record("not found: \(entry)")
                continue
            }
            #expect(found.qualifier.rawValue == entry.qualifier, "\(entry): qualifier \(found.qualifier)")
            if case .some(.some(let period)) = entry.period {
                #expect(found.period == period, "\(entry): period \(found.period ?? "nil")")
            }
            switch entry.indicator {
            case .none:
                // The seed key names no indicator: any indicator will do, but there must be one.
                #expect(found.indicatorID != nil, "\(entry): no indicator for subject \(found.subject)")
            case .some(let expected):
                #expect(found.indicatorID == expected, "\(entry): indicator \(found.indicatorID ?? "nil")")
            }
            #expect(found.documentID == "doc-1")
        }
    }

    @Test("own fixtures: periods given as null in the key are null", arguments: cases.dropFirst())
    func nullPeriods(_ testCase: Case) throws {
        let text = try Fixtures.text(testCase.text)
        let result = extractor.extract(text, defaultPeriod: testCase.defaultPeriod)
        for entry in try Fixtures.answerKey(testCase.key) {
            guard case .some(.none) = entry.period else { continue }
            let found = try #require(observation(answering: entry, in: result, text: text), "\(entry)")
            #expect(found.period == nil, "\(entry): period \(found.period ?? "nil")")
        }
    }

    @Test("no observation beyond the answer key (no false positives)", arguments: cases)
    func noFalsePositives(_ testCase: Case) throws {
        let text = try Fixtures.text(testCase.text)
        let key = try Fixtures.answerKey(testCase.key)
        let result = extractor.extract(text, defaultPeriod: testCase.defaultPeriod)
        let answered = key.compactMap { observation(answering: $0, in: result, text: text) }
        for extra in result.observations where !answered.contains(extra) {
            Issue.record("unexpected figure \(DecimalText.string(extra.value))\(extra.unit.rawValue) in “\(extra.phrase)”")
        }
        #expect(result.observations.count == key.count)
    }

    @Test("distinct figures map to distinct indicators", arguments: cases)
    func distinctIndicators(_ testCase: Case) throws {
        let text = try Fixtures.text(testCase.text)
        let result = extractor.extract(text, defaultPeriod: testCase.defaultPeriod)
        let ids = result.observations.compactMap(\.indicatorID)
        #expect(Set(ids).count == ids.count, "\(ids)")
    }

    @Test("each span is an exact slice of the original text, in text order", arguments: cases)
    func spansSliceTheOriginal(_ testCase: Case) throws {
        let text = try Fixtures.text(testCase.text)
        let result = extractor.extract(text, defaultPeriod: testCase.defaultPeriod)
        var previousStart = -1
        for observation in result.observations {
            let span = try #require(observation.span)
            #expect(span.text(in: text) == observation.phrase)
            #expect(span.start > previousStart)
            previousStart = span.start
        }
    }

    @Test("seed report: the spans cover the answer-key phrase regions")
    func seedSpansCoverPhrases() throws {
        let testCase = Self.cases[0]
        let text = try Fixtures.text(testCase.text)
        let result = extractor.extract(text, defaultPeriod: "2024")
        // Phrases the extractor must return exactly (the figure with its subject, line breaks included).
        let exact = ["走访企业259家", "挖掘并公布企业有效\n需求128条", "累计13\n家", "2023年度省科学技术奖获评7项",
                     "获评2024年度国家级人才计划（科技\n\n类）6个", "拟投资1.437\n\n亿元", "预计撬动资金3.825亿元",
                     "两家国家级科\n技企业孵化器"]
        let phrases = result.observations.map(\.phrase)
        for phrase in exact {
            #expect(phrases.contains(phrase), "\(phrase)")
        }
        // The two figures of 累计为83家企业提供贷款2.88亿元 together cover the key phrase.
        let loan = try #require(scalarRanges(of: "累计为83家企业提供贷款2.88亿元", in: text).first)
        let spans = result.observations.compactMap(\.span).filter { $0.start >= loan.lowerBound && $0.end <= loan.upperBound }
        #expect(spans.count == 2)
        #expect(spans.map(\.start).min() == loan.lowerBound && spans.map(\.end).max() == loan.upperBound)
    }
}
