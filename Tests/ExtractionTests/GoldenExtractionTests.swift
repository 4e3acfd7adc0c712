import Domain
import Foundation
import Testing
@testable import Extraction

/// Byte-identical extraction output (issue #14): the extraction JSON (``ExtractionJSON``) and the warnings of every
/// labelled text, of the seed report with altered white space, line ends and digits (two variants: one the scalar
/// path reads, one with combining and astral characters the reference path reads), and of all labelled texts as
/// one document, compared with golden files under `Fixtures/golden` written by the extractor before the speed work
/// of 2026-12-01. A speed-up must not change a single byte; a deliberate change of the output regenerates them
/// (`KECHUANG_UPDATE_GOLDEN=1 swift test --filter GoldenExtractionTests`) and says why in its commit.
@Suite("golden extraction output")
struct GoldenExtractionTests {
    /// One input and the name of its golden files.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var defaultPeriod: String
        var text: @Sendable () throws -> String
        var description: String { name }
    }

    static let directory = Fixtures.directory.appendingPathComponent("golden")

    static let cases: [Case] = LabelledSet.texts.map { text in
        Case(name: text.name, defaultPeriod: text.defaultPeriod) { try Fixtures.text(text.text) }
    } + [
        Case(name: "zhangjiagang-2024-spaced", defaultPeriod: "2024") {
            spacedVariant(of: try Fixtures.text(LabelledSet.texts[0].text))
        },
        Case(name: "zhangjiagang-2024-variant", defaultPeriod: "2024") {
            variant(of: try Fixtures.text(LabelledSet.texts[0].text))
        },
        Case(name: "all-texts", defaultPeriod: "2024") {
            try LabelledSet.texts.map { try Fixtures.text($0.text) }.joined(separator: "\n\n")
        },
    ]

    /// The seed report with CRLF line ends, full-width digits in every third line, and no-break spaces,
    /// ideographic spaces, tabs or two spaces after every comma: odd report text that still takes the scalar path.
    static func spacedVariant(of text: String) -> String {
        var lines: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scalars = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                if index % 3 == 1, (0x30...0x39).contains(scalar.value), let wide = Unicode.Scalar(scalar.value + 0xFEE0) {
                    scalars.append(wide)
                    continue
                }
                scalars.append(scalar)
                if scalar == "，" {
                    switch index % 4 {
                    case 0: scalars.append("\u{A0}")
                    case 1: scalars.append("\u{3000}")
                    case 2: scalars.append("\t")
                    default: scalars.append(contentsOf: "  ".unicodeScalars)
                    }
                }
            }
            lines.append(String(scalars))
        }
        return lines.joined(separator: "\r\n")
    }

    /// The seed report with CRLF line ends, full-width digits in every third line, no-break and ideographic spaces
    /// and tabs after some commas, an accent combining with a space and a surrogate-plane character: text that
    /// must take the reference path and read exactly as before.
    static func variant(of text: String) -> String {
        var lines: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scalars = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                if index % 3 == 1, (0x30...0x39).contains(scalar.value), let wide = Unicode.Scalar(scalar.value + 0xFEE0) {
                    scalars.append(wide)
                    continue
                }
                scalars.append(scalar)
                if scalar == "，" {
                    switch index % 5 {
                    case 0: scalars.append("\u{A0}")
                    case 1: scalars.append("\u{3000}")
                    case 2: scalars.append("\t")
                    case 3: scalars.append(contentsOf: " \u{301}".unicodeScalars)
                    default: scalars.append(contentsOf: "𠀀".unicodeScalars)
                    }
                }
            }
            lines.append(String(scalars))
        }
        return lines.joined(separator: "\r\n")
    }

    /// The golden text of `source`: the extraction JSON, then one line per warning.
    static func rendering(_ source: String, defaultPeriod: String, extractor: ReportExtractor) -> String {
        let result = extractor.extract(source, defaultPeriod: defaultPeriod, documentID: "golden")
        return ExtractionJSON.render(result) + "--- warnings\n"
            + result.warnings.map { $0.description + "\n" }.joined()
    }

    @Test("extraction JSON and warnings are byte-identical to the golden files", arguments: cases)
    func matchesGolden(_ testCase: Case) throws {
        let extractor = ReportExtractor(catalog: try Catalog.bundled())
        let rendered = Self.rendering(try testCase.text(), defaultPeriod: testCase.defaultPeriod, extractor: extractor)
        let url = Self.directory.appendingPathComponent("\(testCase.name).extraction.txt")
        if ProcessInfo.processInfo.environment["KECHUANG_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(golden == Data(rendered.utf8), "\(testCase.name): extraction output differs from \(url.path)")
    }
}
