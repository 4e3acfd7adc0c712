import Domain
import Foundation
@testable import Extraction

/// One entry of an answer key (`*.expected.json`).
struct AnswerKeyEntry: Sendable, CustomStringConvertible {
    var phrase: String
    /// The value as printed in the key (JSON number text), compared with `DecimalText.string`.
    var value: String
    var unit: String
    var qualifier: String
    /// `.some(nil)` when the key says null, `nil` when the key has no `period` field.
    var period: String??
    /// `.some(nil)` when the key says null, `nil` when the key has no `indicator` field.
    var indicator: String??
    /// `approximate`, `lower_bound`, `upper_bound`, `range`; `nil` when the key states no bound.
    var bound: String? = nil
    /// A range's upper end as printed in the key (JSON number text).
    var upper: String? = nil
    /// The growth basis (`year_on_year` …) of a growth figure, when the key states it.
    var growth: String? = nil
    /// The rank position stated for the figure, when the key states one.
    var rank: Int? = nil

    var description: String { "\(phrase.replacingOccurrences(of: "\n", with: "⏎")) = \(value)\(unit)" }
}

/// Loading of fixtures and answer keys relative to this file (the test target declares no resources).
enum Fixtures {
    /// `Tests/ExtractionTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The shared reference report directory, `../shared/fixtures/reports` next to the checkout.
    static let sharedReports = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/fixtures/reports")

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    static func answerKey(_ url: URL) throws -> [AnswerKeyEntry] {
        let data = try Data(contentsOf: url)
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw KeyError(message: "\(url.path) is not an array of objects")
        }
        return try array.map { object in
            guard let phrase = object["phrase"] as? String, let value = object["value"] as? NSNumber,
                  let unit = object["unit"] as? String, let qualifier = object["qualifier"] as? String
            else { throw KeyError(message: "malformed entry \(object)") }
            func optionalString(_ key: String) -> String?? {
                guard let raw = object[key] else { return nil }
                return .some(raw as? String)
            }
            return AnswerKeyEntry(
                phrase: phrase, value: value.description, unit: unit, qualifier: qualifier,
                period: optionalString("period"), indicator: optionalString("indicator"),
                bound: object["bound"] as? String, upper: (object["upper"] as? NSNumber)?.description,
                growth: object["growth"] as? String, rank: (object["rank"] as? NSNumber)?.intValue)
        }
    }

    struct KeyError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Unicode-scalar ranges where `phrase` occurs in `text`.
func scalarRanges(of phrase: String, in text: String) -> [Range<Int>] {
    let haystack = Array(text.unicodeScalars)
    let needle = Array(phrase.unicodeScalars)
    guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
    return (0...(haystack.count - needle.count)).compactMap { start in
        haystack[start..<(start + needle.count)].elementsEqual(needle) ? start..<(start + needle.count) : nil
    }
}

/// The observation answering `entry`: same value and unit, its span overlapping an occurrence of the phrase.
func observation(
    answering entry: AnswerKeyEntry, in result: ExtractionResult, text: String
) -> ReportedObservation? {
    let occurrences = scalarRanges(of: entry.phrase, in: text)
    return result.observations.first { observation in
        guard DecimalText.string(observation.value) == entry.value, observation.unit.rawValue == entry.unit,
              let span = observation.span
        else { return false }
        return occurrences.contains { $0.overlaps(span.start..<span.end) }
    }
}
