import Contracts
import Domain
import Foundation
import JSONText
import Messaging
import Scoring

/// The JSON body of a `hightech.assessment` update, written straight into a byte buffer: byte for byte what
/// `EnvelopeCodec.encodeBody(_:)` (the streaming `Codable` encoder) gives for the synthesized `Codable` forms of the
/// assessment's types — enums with associated values as `{"case":{"_0":…}}` or `{"case":{"label":…}}`, cases without
/// values as `{"case":{}}`, ranges as `[lower,upper]`, `Money` as `{"amount":"…","unit":"…"}`, dates and credit codes
/// as strings. The generic encoding of one assessment (≈ 2–4 kB, ≈ 60 nested values) was ≈ 7 % of the scoring
/// catch-up CPU (`perf record`, docs/performance.md "## Scoring"). An assessment holding a NaN takes the generic
/// path (and its error). `HighTechUpdateBodyTests` compares both on assessments of random filings and on every enum
/// case; `ScoringOutputGoldenTests` pins the stream.
enum HighTechUpdateBody {
    /// The body frame of `update`; `assessmentJSON`, when given, is ``assessmentJSON(_:)`` of its assessment,
    /// already written (for its digest) and not written again.
    /// - Throws: what `EnvelopeCodec.encodeBody(_:)` throws (only for a NaN decimal).
    static func encode(_ update: HighTechUpdate, assessmentJSON: [UInt8]? = nil) throws(EnvelopeError) -> Data {
        var writer = Writer()
        writer.out.reserveCapacity(4096)
        writer.raw("{\"assessment\":")
        if let assessmentJSON {
            writer.out.append(contentsOf: assessmentJSON)
        } else {
            writer.assessment(update.assessment)
        }
        writer.raw(",\"ingestSequence\":")
        JSONBodyWriter.unsigned(update.ingestSequence, to: &writer.out)
        writer.raw("}")
        guard !writer.sawNaN else { return try EnvelopeCodec.encodeBody(update) }
        return Data(writer.out)
    }

    /// The JSON of `assessment` alone (the body's `assessment` member), or `nil` when it holds a NaN: what
    /// ``HighTechDigest`` hashes, exactly (the synthesized `Hashable` hashes each `Decimal` as a `Double`).
    static func assessmentJSON(_ assessment: HighTechAssessment) -> [UInt8]? {
        var writer = Writer()
        writer.out.reserveCapacity(4096)
        writer.assessment(assessment)
        return writer.sawNaN ? nil : writer.out
    }

    /// The byte buffer and the writers of each type.
    private struct Writer {
        var out: [UInt8] = []
        /// A NaN was met: the generic path decides (it refuses NaN with its own error).
        var sawNaN = false

        mutating func raw(_ literal: StaticString) {
            JSONBodyWriter.literal(literal, to: &out)
        }

        mutating func string(_ value: String) {
            JSONBodyWriter.string(value, to: &out)
        }

        mutating func decimal(_ value: Decimal) {
            if value.isNaN { sawNaN = true }
            JSONBodyWriter.decimal(value, to: &out)
        }

        mutating func integer(_ value: Int) {
            JSONBodyWriter.integer(value, to: &out)
        }

        mutating func integers(_ values: [Int]) {
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                integer(value)
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func decimals(_ values: [Decimal]) {
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                decimal(value)
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func range(_ value: ClosedRange<Decimal>) {
            out.append(UInt8(ascii: "["))
            decimal(value.lowerBound)
            out.append(UInt8(ascii: ","))
            decimal(value.upperBound)
            out.append(UInt8(ascii: "]"))
        }

        mutating func money(_ value: Money) {
            raw("{\"amount\":")
            string(DecimalText.string(value.amount))
            raw(",\"unit\":")
            string(value.unit.rawValue)
            raw("}")
        }

        mutating func assessment(_ value: HighTechAssessment) {
            raw("{\"creditCode\":")
            string(value.creditCode.rawValue)
            raw(",\"enterpriseName\":")
            string(value.enterpriseName)
            raw(",\"assessmentDate\":")
            string(value.assessmentDate.description)
            raw(",\"period\":{\"years\":[")
            integer(value.period.years.lowerBound)
            out.append(UInt8(ascii: ","))
            integer(value.period.years.upperBound)
            raw("],\"missingYears\":")
            integers(value.period.missingYears)
            raw(",\"ignoredYears\":")
            integers(value.period.ignoredYears)
            raw("},\"rdBand\":{")
            if let salesUpTo = value.rdBand.salesUpTo {
                raw("\"salesUpTo\":")
                money(salesUpTo)
                out.append(UInt8(ascii: ","))
            }
            raw("\"minimumPercent\":")
            decimal(value.rdBand.minimumPercent)
            raw("},\"conditions\":[")
            for (index, check) in value.conditions.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                condition(check)
            }
            raw("],\"evaluation\":")
            evaluation(value.evaluation)
            raw(",\"eligibility\":")
            string(value.eligibility.rawValue)
            raw(",\"gaps\":[")
            for (index, item) in value.gaps.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                gap(item)
            }
            raw("],\"tier\":")
            string(value.tier.rawValue)
            raw("}")
        }

        mutating func condition(_ check: HighTechConditionCheck) {
            raw("{\"condition\":")
            string(check.condition.rawValue)
            raw(",\"status\":")
            switch check.status {
            case .met: raw("{\"met\":{}}")
            case .notMet: raw("{\"notMet\":{}}")
            case .unknown(let reason):
                raw("{\"unknown\":{\"_0\":")
                unknownReason(reason)
                raw("}}")
            }
            if let actual = check.actual {
                raw(",\"actual\":")
                decimal(actual)
            }
            if let threshold = check.threshold {
                raw(",\"threshold\":")
                decimal(threshold)
            }
            if let unit = check.unit {
                raw(",\"unit\":")
                string(unit.rawValue)
            }
            if let remark = check.remarkZh {
                raw(",\"remarkZh\":")
                string(remark)
            }
            if let remark = check.remarkEn {
                raw(",\"remarkEn\":")
                string(remark)
            }
            raw("}")
        }

        mutating func unknownReason(_ reason: HighTechUnknownReason) {
            switch reason {
            case .notReported(let field, let years):
                raw("{\"notReported\":{\"field\":")
                string(field)
                raw(",\"years\":")
                integers(years)
                raw("}}")
            case .factNotProvided(let fact, let years):
                raw("{\"factNotProvided\":{\"fact\":")
                string(fact)
                raw(",\"years\":")
                integers(years)
                raw("}}")
            case .missingFilings(let years):
                raw("{\"missingFilings\":{\"years\":")
                integers(years)
                raw("}}")
            }
        }

        mutating func item(_ value: HighTechEvaluationItem) {
            raw("{\"kind\":")
            string(value.kind.rawValue)
            raw(",\"maximum\":")
            decimal(value.maximum)
            raw(",\"points\":")
            range(value.points)
            if let reason = value.unknownReason {
                raw(",\"unknownReason\":")
                unknownReason(reason)
            }
            raw("}")
        }

        mutating func growth(_ value: HighTechGrowthRate) {
            raw("{")
            if let rate = value.rate {
                raw("\"rate\":")
                decimal(rate)
                out.append(UInt8(ascii: ","))
            }
            raw("\"basis\":")
            string(value.basis.rawValue)
            raw(",\"values\":")
            decimals(value.values)
            raw("}")
        }

        mutating func evaluation(_ value: HighTechEvaluation) {
            raw("{\"intellectualProperty\":")
            item(value.intellectualProperty)
            if let points = value.ipQuantityPoints {
                raw(",\"ipQuantityPoints\":")
                range(points)
            }
            raw(",\"conversion\":")
            item(value.conversion)
            if let average = value.averageConversions {
                raw(",\"averageConversions\":")
                decimal(average)
            }
            raw(",\"rdManagement\":")
            item(value.rdManagement)
            raw(",\"netAssetGrowthItem\":")
            item(value.netAssetGrowthItem)
            raw(",\"netAssetGrowth\":")
            growth(value.netAssetGrowth)
            raw(",\"salesGrowthItem\":")
            item(value.salesGrowthItem)
            raw(",\"salesGrowth\":")
            growth(value.salesGrowth)
            raw(",\"passAbove\":")
            decimal(value.passAbove)
            raw("}")
        }

        mutating func gap(_ value: HighTechGap) {
            raw("{\"subject\":")
            switch value.subject {
            case .condition(let condition):
                raw("{\"condition\":{\"_0\":")
                string(condition.rawValue)
                raw("}}")
            case .evaluation:
                raw("{\"evaluation\":{}}")
            }
            if let actual = value.actual {
                raw(",\"actual\":")
                decimal(actual)
            }
            if let required = value.required {
                raw(",\"required\":")
                decimal(required)
            }
            if let unit = value.unit {
                raw(",\"unit\":")
                string(unit.rawValue)
            }
            raw(",\"remedy\":")
            remedy(value.remedy)
            raw(value.isWithinReach ? ",\"isWithinReach\":true" : ",\"isWithinReach\":false")
            raw(",\"messageZh\":")
            string(value.messageZh)
            raw(",\"messageEn\":")
            string(value.messageEn)
            raw("}")
        }

        mutating func remedy(_ value: HighTechGapRemedy) {
            switch value {
            case .waitUntil(let date):
                raw("{\"waitUntil\":{")
                if let date {
                    raw("\"_0\":")
                    string(date.description)
                }
                raw("}}")
            case .obtainIntellectualProperty(let count):
                raw("{\"obtainIntellectualProperty\":{\"count\":")
                integer(count)
                raw("}}")
            case .addRDExpense(let amount):
                raw("{\"addRDExpense\":{\"_0\":")
                money(amount)
                raw("}}")
            case .addDomesticRDExpense(let added, let reallocated):
                raw("{\"addDomesticRDExpense\":{\"added\":")
                money(added)
                raw(",\"reallocated\":")
                money(reallocated)
                raw("}}")
            case .addHighTechRevenue(let added, let reallocated):
                raw("{\"addHighTechRevenue\":{\"added\":")
                money(added)
                raw(",\"reallocated\":")
                money(reallocated)
                raw("}}")
            case .addSTStaff(let hired, let reassigned):
                raw("{\"addSTStaff\":{\"hired\":")
                integer(hired)
                raw(",\"reassigned\":")
                integer(reassigned)
                raw("}}")
            case .raiseEvaluation(let points):
                raw("{\"raiseEvaluation\":{\"points\":")
                decimal(points)
                raw("}}")
            case .none:
                raw("{\"none\":{}}")
            }
        }
    }
}
