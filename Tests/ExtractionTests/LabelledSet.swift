import Domain
import Foundation
@testable import Extraction

/// The labelled report set: the seed report (shared) and the county texts under `Fixtures/` with their
/// hand-made answer keys (`Fixtures/README.md` says how they were written).
enum LabelledSet {
    struct Text: Sendable, CustomStringConvertible {
        var name: String
        var text: URL
        var key: URL
        var defaultPeriod: String
        /// Whether the key states bounds, ranks and growth bases (keys written before issue #15 do not: for those
        /// only qualifier and period are compared).
        var detailed = true
        var description: String { name }
    }

    /// The own fixtures, by file stem (`<county>-<year>`); the year is the report year.
    static let ownNames = [
        "jiangyang-2024", "xishan-2023", "linxi-2023", "hengshan-2022", "fengyang-2024", "yunxi-2021", "nanhu-2025",
        "qingquan-2020", "baisha-2024", "songlin-2019", "hexi-2023", "jinling-2024", "shanyuan-2022",
    ]

    static let texts: [Text] = [
        Text(
            name: "zhangjiagang-2024", text: Fixtures.sharedReports.appendingPathComponent("zhangjiagang-2024.txt"),
            key: Fixtures.sharedReports.appendingPathComponent("zhangjiagang-2024.expected.json"), defaultPeriod: "2024",
            detailed: false),
    ] + ownNames.map { name in
        Text(
            name: name, text: Fixtures.directory.appendingPathComponent("\(name).txt"),
            key: Fixtures.directory.appendingPathComponent("\(name).expected.json"),
            defaultPeriod: String(name.suffix(4)), detailed: !legacyNames.contains(name))
    }

    /// Own keys written before issue #15 (no bound, rank or growth fields).
    static let legacyNames: Set = ["jiangyang-2024", "xishan-2023"]

    /// Detection and field agreement of one text (or of the whole set, summed).
    struct Score: Sendable, CustomStringConvertible {
        var keyEntries = 0
        var found = 0
        var observations = 0
        var answeredObservations = 0
        /// Found entries whose qualifier, period, bound, upper end, growth basis and rank all agree with the key.
        var fieldsRight = 0
        var misses: [String] = []
        var extras: [String] = []
        var fieldErrors: [String] = []

        var recall: Double { keyEntries == 0 ? 1 : Double(found) / Double(keyEntries) }
        var precision: Double { observations == 0 ? 1 : Double(answeredObservations) / Double(observations) }
        var fieldAccuracy: Double { found == 0 ? 1 : Double(fieldsRight) / Double(found) }

        static func + (left: Score, right: Score) -> Score {
            Score(
                keyEntries: left.keyEntries + right.keyEntries, found: left.found + right.found,
                observations: left.observations + right.observations,
                answeredObservations: left.answeredObservations + right.answeredObservations,
                fieldsRight: left.fieldsRight + right.fieldsRight)
        }

        var description: String {
            String(
                format: "key %d, found %d, observations %d, recall %.3f, precision %.3f, fields %.3f",
                keyEntries, found, observations, recall, precision, fieldAccuracy)
        }
    }

    /// Scores `text` against its key with `extractor`.
    static func score(_ text: Text, extractor: ReportExtractor) throws -> Score {
        let source = try Fixtures.text(text.text)
        let key = try Fixtures.answerKey(text.key)
        let result = extractor.extract(source, defaultPeriod: text.defaultPeriod)
        var score = Score(keyEntries: key.count, observations: result.observations.count)
        var answered: [ReportedObservation] = []
        for entry in key {
            guard let found = observation(answering: entry, in: result, text: source) else {
                score.misses.append(entry.description)
                continue
            }
            score.found += 1
            answered.append(found)
            let problems = fieldProblems(entry, found, detailed: text.detailed)
            if problems.isEmpty {
                score.fieldsRight += 1
            } else {
                score.fieldErrors.append("\(entry): " + problems.joined(separator: ", "))
            }
        }
        for observation in result.observations {
            if answered.contains(observation) {
                score.answeredObservations += 1
            } else {
                score.extras.append("\(DecimalText.string(observation.value))\(observation.unit.rawValue) “\(observation.phrase)”")
            }
        }
        return score
    }

    /// The fields of `found` that disagree with `entry` (empty when all agree).
    static func fieldProblems(_ entry: AnswerKeyEntry, _ found: ReportedObservation, detailed: Bool = true) -> [String] {
        var problems: [String] = []
        if found.qualifier.rawValue != entry.qualifier { problems.append("qualifier \(found.qualifier.rawValue)") }
        if case .some(let period) = entry.period, found.period != period {
            problems.append("period \(found.period ?? "null")")
        }
        guard detailed else { return problems }
        if found.bound?.rawValue != entry.bound { problems.append("bound \(found.bound?.rawValue ?? "none")") }
        if found.upperValue.map(DecimalText.string) != entry.upper {
            problems.append("upper \(found.upperValue.map(DecimalText.string) ?? "none")")
        }
        if let growth = entry.growth, found.growth?.basis.rawValue != growth {
            problems.append("growth \(found.growth?.basis.rawValue ?? "none")")
        }
        if found.rank?.position != entry.rank { problems.append("rank \(found.rank.map { String($0.position) } ?? "none")") }
        return problems
    }
}
