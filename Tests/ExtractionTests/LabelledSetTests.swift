import Domain
import Foundation
import Testing
@testable import Extraction

/// Recall and precision of figure detection over the whole labelled set (docs/performance.md records the
/// figures). The floors are what the extractor reached when they were set: a change that loses figures or
/// invents some fails here.
@Suite("labelled set: recall and precision floors")
struct LabelledSetTests {
    /// Overall floors (measured 2026-11-30; see docs/performance.md, “Extraction accuracy”).
    /// Measured: recall 263/268 = 0.981, precision 263/263 = 1.000, fields 253/263 = 0.962.
    static let recallFloor = 0.98
    static let precisionFloor = 1.0
    static let fieldAccuracyFloor = 0.96
    /// No single text may fall below these (lowest measured: jinling-2024 recall 14/16 = 0.875).
    static let textRecallFloor = 0.87
    static let textPrecisionFloor = 1.0

    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    @Test("every labelled text has a key whose phrases occur in it")
    func keysAreWellFormed() throws {
        #expect(LabelledSet.texts.count >= 14)
        for text in LabelledSet.texts {
            let source = try Fixtures.text(text.text)
            let key = try Fixtures.answerKey(text.key)
            #expect(key.count >= 10, "\(text.name): only \(key.count) entries")
            for entry in key {
                #expect(!scalarRanges(of: entry.phrase, in: source).isEmpty, "\(text.name): phrase not in text: \(entry)")
            }
        }
    }

    @Test("recall, precision and field accuracy over the labelled set stay above their floors")
    func floors() throws {
        var total = LabelledSet.Score()
        for text in LabelledSet.texts {
            let score = try LabelledSet.score(text, extractor: extractor)
            print("labelled \(text.name): \(score)")
            for miss in score.misses { print("  miss \(miss)") }
            for extra in score.extras { print("  extra \(extra)") }
            for error in score.fieldErrors { print("  field \(error)") }
            #expect(score.recall >= Self.textRecallFloor, "\(text.name): \(score)")
            #expect(score.precision >= Self.textPrecisionFloor, "\(text.name): \(score)")
            total = total + score
        }
        print("labelled overall: \(total)")
        #expect(total.recall >= Self.recallFloor, "\(total)")
        #expect(total.precision >= Self.precisionFloor, "\(total)")
        #expect(total.fieldAccuracy >= Self.fieldAccuracyFloor, "\(total)")
    }

    @Test("the score counts a missed and an invented figure")
    func scoringDetectsErrors() throws {
        // A key that names a figure the text does not state as such, scored against a text with one more figure.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-labelled-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let textURL = directory.appendingPathComponent("t.txt")
        let keyURL = directory.appendingPathComponent("t.expected.json")
        try "新增高新技术企业12家，走访企业30家。".write(to: textURL, atomically: true, encoding: .utf8)
        try #"[{"phrase": "新增高新技术企业12家", "value": 13, "unit": "家", "qualifier": "exact"}]"#
            .write(to: keyURL, atomically: true, encoding: .utf8)
        let score = try LabelledSet.score(
            LabelledSet.Text(name: "t", text: textURL, key: keyURL, defaultPeriod: "2024"), extractor: extractor)
        #expect(score.found == 0 && score.recall == 0)
        #expect(score.observations == 2 && score.precision == 0)
    }
}
