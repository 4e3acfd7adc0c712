import Contracts
import Foundation
import JSONText
import Messaging

/// The JSON body of a `score.update`, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder) gives, without its per-field dynamic dispatch
/// through `Encoder` existentials. Three of these (≈ 3 kB each, with the breakdown) are written per filing, and their
/// generic encoding was ≈ 12 % of the scoring catch-up CPU (`perf record`, docs/performance.md "## Scoring"). Keys in
/// declaration order, `nil` optionals omitted, strings quoted by `JSONText`, decimals by `JSONDecimal`, as the
/// generic path does. An update holding a NaN (which the generic path refuses) takes the generic path, so its error is
/// the same too. `ScoreUpdateBodyTests` compares both on random updates; `ScoringOutputGoldenTests` pins the stream.
enum ScoreUpdateBody {
    /// The body frame of `update`.
    /// - Throws: what `EnvelopeCodec.encodeBody(_:)` throws (only for a NaN decimal).
    static func encode(_ update: ScoreUpdate) throws(EnvelopeError) -> Data {
        guard isFinite(update) else { return try EnvelopeCodec.encodeBody(update) }
        var out: [UInt8] = []
        out.reserveCapacity(512 + 256 * update.breakdown.count)
        write(update, to: &out)
        return Data(out)
    }

    private static func isFinite(_ update: ScoreUpdate) -> Bool {
        if update.points.isNaN || update.previousPoints?.isNaN == true { return false }
        if update.categories.contains(where: { $0.points.isNaN || $0.cap?.isNaN == true }) { return false }
        return !update.breakdown.contains {
            $0.raw?.isNaN == true || $0.normalised?.isNaN == true || $0.weight.isNaN || $0.points.isNaN
        }
    }

    private static func write(_ update: ScoreUpdate, to out: inout [UInt8]) {
        key("{\"subjectKind\":", update.subjectKind, to: &out)
        key(",\"subjectID\":", update.subjectID, to: &out)
        key(",\"subjectName\":", update.subjectName, to: &out)
        if let town = update.town { key(",\"town\":", town, to: &out) }
        key(",\"period\":", update.period, to: &out)
        key(",\"schemeID\":", update.schemeID, to: &out)
        append(",\"schemeVersion\":", to: &out)
        integer(update.schemeVersion, to: &out)
        decimal(",\"points\":", update.points, to: &out)
        append(",\"categories\":[", to: &out)
        for (index, category) in update.categories.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            key("{\"id\":", category.id, to: &out)
            key(",\"nameZh\":", category.nameZh, to: &out)
            key(",\"nameEn\":", category.nameEn, to: &out)
            decimal(",\"points\":", category.points, to: &out)
            if let cap = category.cap { decimal(",\"cap\":", cap, to: &out) }
            out.append(UInt8(ascii: "}"))
        }
        append("],\"breakdown\":[", to: &out)
        for (index, line) in update.breakdown.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            key("{\"indicator\":", line.indicator, to: &out)
            key(",\"nameZh\":", line.nameZh, to: &out)
            key(",\"nameEn\":", line.nameEn, to: &out)
            key(",\"category\":", line.category, to: &out)
            if let raw = line.raw { decimal(",\"raw\":", raw, to: &out) }
            if let normalised = line.normalised { decimal(",\"normalised\":", normalised, to: &out) }
            decimal(",\"weight\":", line.weight, to: &out)
            decimal(",\"points\":", line.points, to: &out)
            if let missing = line.missing { key(",\"missing\":", missing, to: &out) }
            out.append(UInt8(ascii: "}"))
        }
        append("],\"negatives\":", to: &out)
        strings(update.negatives, to: &out)
        append(",\"vetoedBy\":", to: &out)
        strings(update.vetoedBy, to: &out)
        if let stage = update.stage { key(",\"stage\":", stage, to: &out) }
        key(",\"cohort\":", update.cohort, to: &out)
        if let grade = update.grade {
            key(",\"grade\":{\"id\":", grade.id, to: &out)
            key(",\"nameZh\":", grade.nameZh, to: &out)
            key(",\"nameEn\":", grade.nameEn, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        append(",\"rank\":", to: &out)
        integer(update.rank, to: &out)
        append(",\"cohortSize\":", to: &out)
        integer(update.cohortSize, to: &out)
        if let previous = update.previousPoints { decimal(",\"previousPoints\":", previous, to: &out) }
        append(",\"ingestSequence\":", to: &out)
        JSONBodyWriter.unsigned(update.ingestSequence, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func append(_ literal: StaticString, to out: inout [UInt8]) {
        JSONBodyWriter.literal(literal, to: &out)
    }

    private static func key(_ literal: StaticString, _ value: String, to out: inout [UInt8]) {
        JSONBodyWriter.literal(literal, to: &out)
        JSONBodyWriter.string(value, to: &out)
    }

    private static func decimal(_ literal: StaticString, _ value: Decimal, to out: inout [UInt8]) {
        JSONBodyWriter.literal(literal, to: &out)
        JSONBodyWriter.decimal(value, to: &out)
    }

    private static func integer(_ value: Int, to out: inout [UInt8]) {
        JSONBodyWriter.integer(value, to: &out)
    }

    private static func strings(_ values: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBodyWriter.string(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
