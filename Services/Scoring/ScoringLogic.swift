import Contracts
import Domain
import Foundation
import Scoring

/// The scoring service's pure logic: ingest filings in, scoring-stream messages out. No I/O; a deterministic function
/// of the ordered filings it was given, so the service rebuilds it on start by replaying its stored filings.
///
/// Per filing it keeps the enterprise's filings by year and then, for the enterprise's latest year:
/// - under every enterprise scheme: assesses the inputs, records the cohort values of percentile indicators, scores,
///   moves the subject in its cohort's ranking (O(log n)), grades it (point band, or percentile tier from the rank),
///   and publishes the score when anything in it changed, plus `grade.changed` when the grade did;
/// - assesses it for high-tech certification (2016 rules; as of 1 January of the year after its latest filing, so
///   the result depends on the data only) and publishes it, plus `hightech.changed` when eligibility or tier moved.
///
/// A subject's rank and percentile tier are computed when its own score is published; later moves of others in its
/// cohort do not re-publish it (queries compute ranks live). A subject that cannot be scored (no data for the
/// scheme, stage unknown) gets no score, never zero.
struct ScoringLogic: Sendable {
    /// The schemes in force, scored in this order.
    let schemes: [ScoringScheme]
    /// The high-tech assessor.
    let assessor: HighTechAssessor
    /// Enterprises by credit code: their filings (compact) and current high-tech assessment (digest).
    private(set) var enterprises: [String: EnterpriseRecord] = [:]
    /// Scheme states by scheme id.
    private(set) var states: [String: SchemeState]
    /// Subjects of the other kinds (and enterprises' extra figures) by kind, then id: their records by period.
    private(set) var records: [String: [String: [String: SubjectRecord]]] = [:]
    /// Dense subject numbers of the subjects of other kinds, by kind, then id (an enterprise's is in its record):
    /// the scheme states keep scores in arrays by these numbers, not in maps by subject id.
    private var otherSlots: [String: [String: Int32]] = [:]
    /// The next subject number.
    private var nextSlot: Int32 = 0
    /// Current high-tech assessment (digest) by credit code, gathered from ``enterprises`` (for tests).
    var highTech: [String: HighTechDigest] { enterprises.compactMapValues(\.highTech) }

    /// Creates empty logic for `schemes`.
    init(schemes: [ScoringScheme], assessor: HighTechAssessor = HighTechAssessor()) {
        self.schemes = schemes
        self.assessor = assessor
        var states: [String: SchemeState] = [:]
        for scheme in schemes { states[scheme.id] = SchemeState(scheme: scheme) }
        self.states = states
    }

    /// The enterprise subject kind id.
    static let enterpriseKind = "enterprise"

    /// Applies one filing; returns the messages to publish, in order.
    mutating func apply(_ recorded: FilingRecorded, ingestSequence: UInt64) -> [ScoringOutput] {
        let filing = recorded.filing
        let code = canonical(enterprise: filing.creditCode.rawValue)
        if enterprises[code] == nil {
            enterprises[code] = EnterpriseRecord(code: filing.creditCode, slot: nextSlot)
            nextSlot += 1
        }
        // Changed in place: a copy taken out would make the filings copy on write.
        enterprises[code]?.file(filing)
        return scoreEnterprise(code, ingestSequence: ingestSequence) + assessHighTech(code: code, ingestSequence: ingestSequence)
    }

    /// Applies one subject record: a subject of another kind is scored under its kind's schemes from its latest
    /// period; an enterprise record adds figures filings lack (e.g. `ageYears` from the register), which override
    /// the figures derived from filings.
    mutating func apply(_ recorded: SubjectRecorded, ingestSequence: UInt64) -> [ScoringOutput] {
        var record = recorded.record
        record.id = canonical(record.id, kind: record.kind)
        records[record.kind, default: [:]][record.id, default: [:]][record.period] = record
        if record.kind == Self.enterpriseKind {
            return scoreEnterprise(canonical(enterprise: record.id), ingestSequence: ingestSequence)
        }
        guard let latest = latestRecord(kind: record.kind, id: record.id) else { return [] }
        let slot: Int32
        if let known = otherSlots[record.kind]?[record.id] {
            slot = known
        } else {
            slot = nextSlot
            otherSlots[record.kind, default: [:]][record.id] = slot
            nextSlot += 1
        }
        let inputs = Self.inputs(of: latest)
        var outputs: [ScoringOutput] = []
        for scheme in schemes where scheme.subjectKind == record.kind {
            outputs += score(subject: latest.id, slot: slot, name: latest.name, town: latest.town, period: latest.period,
                             inputs: inputs, scheme: scheme, ingestSequence: ingestSequence)
        }
        return outputs
    }

    /// Scores an enterprise under every enterprise scheme from its latest filing (plus any enterprise record).
    private mutating func scoreEnterprise(_ code: String, ingestSequence: UInt64) -> [ScoringOutput] {
        guard let record = enterprises[code], let latest = record.latestStored, let inputs = enterpriseInputs(code)
        else { return [] }
        var outputs: [ScoringOutput] = []
        for scheme in schemes where scheme.subjectKind == Self.enterpriseKind {
            outputs += score(subject: code, slot: record.slot, name: latest.enterpriseName, town: latest.town, period: String(latest.year),
                             inputs: inputs, scheme: scheme, ingestSequence: ingestSequence)
        }
        return outputs
    }

    /// The instance of `code` already stored as a key of ``enterprises`` (else `code`): every map keyed by a subject
    /// (scores, rankings and percentile trees of every scheme) then shares one string buffer per enterprise instead
    /// of one decoded copy each — an 18-character credit code is a heap allocation of its own.
    private func canonical(enterprise code: String) -> String {
        enterprises.index(forKey: code).map { enterprises.keys[$0] } ?? code
    }

    /// The instance of a subject id of `kind` already stored as a key of ``records`` (else `id`), as above.
    private func canonical(_ id: String, kind: String) -> String {
        guard let subjects = records[kind], let index = subjects.index(forKey: id) else { return id }
        return subjects.keys[index]
    }

    /// An enterprise's inputs: its latest filing's, with its latest enterprise record's figures overriding.
    private func enterpriseInputs(_ code: String) -> SubjectInputs? {
        guard var inputs = enterprises[code]?.inputs() else { return nil }
        inputs.subjectID = code
        if let extra = latestRecord(kind: Self.enterpriseKind, id: code) {
            inputs.values.merge(extra.values) { _, recorded in recorded }
            inputs.attributes.merge(extra.attributes) { _, recorded in recorded }
        }
        return inputs
    }

    /// The latest period's record of a subject.
    private func latestRecord(kind: String, id: String) -> SubjectRecord? {
        guard let periods = records[kind]?[id], let period = periods.keys.max() else { return nil }
        return periods[period]
    }

    /// A record's inputs (its town as the `town` attribute).
    private static func inputs(of record: SubjectRecord) -> SubjectInputs {
        var attributes = record.attributes
        if let town = record.town { attributes["town"] = town }
        return SubjectInputs(subjectID: record.id, values: record.values, attributes: attributes)
    }

    /// Every subject's score computed afresh under the schemes in force, all published (`ingestSequence` 0): what a
    /// scheme change re-publishes after the logic was rebuilt from the facts.
    mutating func rescoreAll() -> [ScoringOutput] {
        rescore(always: true)
    }

    /// Re-scores every subject against its cohorts as they are now and returns the scores that changed (and grade
    /// changes). A percentile-normalised indicator is evaluated when its subject's own data arrives; later subjects
    /// move the percentiles of earlier ones. Settling brings every score to what the data as a whole gives — after
    /// a settle with no filing since, the scores no longer depend on the order filings arrived in. One pass suffices:
    /// percentiles depend on the cohort's raw values, which settling does not change.
    mutating func settle() -> [ScoringOutput] {
        rescore(always: false)
    }

    /// A subject to re-score: who it is and its current inputs.
    private struct Subject {
        var id: String
        var slot: Int32
        var kind: String
        var name: String
        var town: String?
        var period: String
        var inputs: SubjectInputs
    }

    /// Re-scores every subject in two passes per scheme: first every score (so every cohort ranking holds final
    /// points), then every message with final ranks and percentile grades — so one settle is a fixed point.
    private mutating func rescore(always: Bool) -> [ScoringOutput] {
        var subjects: [Subject] = []
        for code in enterprises.keys.sorted() {
            guard let record = enterprises[code], let latest = record.latestStored, let inputs = enterpriseInputs(code)
            else { continue }
            subjects.append(Subject(
                id: code, slot: record.slot, kind: Self.enterpriseKind, name: latest.enterpriseName, town: latest.town,
                period: String(latest.year), inputs: inputs))
        }
        for kind in records.keys.sorted() where kind != Self.enterpriseKind {
            for id in (records[kind] ?? [:]).keys.sorted() {
                guard let latest = latestRecord(kind: kind, id: id), let slot = otherSlots[kind]?[id] else { continue }
                subjects.append(Subject(
                    id: id, slot: slot, kind: kind, name: latest.name, town: latest.town, period: latest.period,
                    inputs: Self.inputs(of: latest)))
            }
        }
        var outputs: [ScoringOutput] = []
        for scheme in schemes {
            guard var state = states.removeValue(forKey: scheme.id) else { continue }
            var scored: [(Subject, Score)] = []
            for subject in subjects where subject.kind == scheme.subjectKind {
                if let score = Self.computeScore(subject.inputs, in: &state, moveInRanking: false) {
                    scored.append((subject, score))
                }
            }
            // Everyone moves at once: one rebuild of the cohort trees instead of a move per subject.
            state.ranking.upsertAll(scored.map { ($0.0.id, $0.1.total, $0.1.cohort) })
            for (subject, score) in scored {
                outputs += Self.publish(
                    score, subject: subject.id, slot: subject.slot, name: subject.name, town: subject.town, period: subject.period,
                    scheme: scheme, state: &state, ingestSequence: 0, always: always)
            }
            states[scheme.id] = state
        }
        return outputs
    }

    // MARK: Scores

    /// Scores `subject` under `scheme` and returns what to publish: its score when anything in it changed, and
    /// `grade.changed` when its grade did.
    private mutating func score(
        subject: String, slot: Int32, name: String, town: String?, period: String, inputs: SubjectInputs,
        scheme: ScoringScheme, ingestSequence: UInt64
    ) -> [ScoringOutput] {
        // Taken out of the dictionary while it changes, so its trees and maps are uniquely referenced and change in
        // place (a copy left in `states` would make every update copy the whole scheme state: O(n) per filing).
        guard var state = states.removeValue(forKey: scheme.id) else { return [] }
        defer { states[scheme.id] = state }
        // No score (no data for the scheme, stage unknown) publishes nothing, never zero; an earlier score stays.
        guard let score = Self.computeScore(inputs, in: &state) else { return [] }
        return Self.publish(
            score, subject: subject, slot: slot, name: name, town: town, period: period, scheme: scheme, state: &state,
            ingestSequence: ingestSequence, always: false)
    }

    /// Assesses and scores `inputs`, recording the cohort values and (unless the caller moves many subjects at
    /// once) moving the subject in its cohort's ranking.
    private static func computeScore(
        _ inputs: SubjectInputs, in state: inout SchemeState, moveInRanking: Bool = true
    ) -> Score? {
        guard case let .success(assessment) = state.scorer.assess(inputs) else { return nil }
        state.percentiles.record(assessment)
        let score = state.scorer.score(assessment, percentiles: state.percentiles)
        if moveInRanking { state.ranking.upsert(inputs.subjectID, points: score.total, cohort: score.cohort) }
        return score
    }

    /// A raw or normalised value as published: rounded half-up to 6 decimal places. Points are computed from the
    /// exact values; a quotient such as 7 ÷ 51 would otherwise be written with 38 digits (and formatting those was
    /// a measurable share of the encoding cost).
    private static func shown(_ value: Decimal) -> Decimal {
        DecimalRounding.round(value, places: 6)
    }

    /// The message for `score` with the subject's rank now, kept as the subject's digest; what to publish when it
    /// differs from the previous one (or `always`).
    private static func publish(
        _ score: Score, subject: String, slot: Int32, name: String, town: String?, period: String, scheme: ScoringScheme,
        state: inout SchemeState, ingestSequence: UInt64, always: Bool
    ) -> [ScoringOutput] {
        let position = state.ranking.position(of: subject)
        let rank = position?.rank ?? 1
        let cohortSize = position?.cohortSize ?? 1
        let previous = state.digest(at: slot)
        let previousGrade = previous.flatMap { state.grade(of: $0) }
        let update = ScoreUpdate(
            subjectKind: scheme.subjectKind, subjectID: subject, subjectName: name, town: town, period: period,
            schemeID: scheme.id, schemeVersion: scheme.version, points: score.total,
            categories: score.categories.map {
                ScoreCategoryPoints(id: $0.categoryID, nameZh: $0.nameZh, nameEn: $0.nameEn, points: $0.points, cap: $0.cap)
            },
            breakdown: score.indicators.map {
                ScoreBreakdownLine(
                    indicator: $0.indicatorID, nameZh: $0.nameZh, nameEn: $0.nameEn, category: $0.categoryID,
                    raw: $0.raw.map(Self.shown), normalised: $0.normalised.map(Self.shown), weight: $0.weight,
                    points: $0.points,
                    missing: $0.missing.map { "\($0)" })
            },
            negatives: score.negatives.filter(\.triggered).map(\.item.id), vetoedBy: score.vetoedBy,
            stage: score.stage?.id, cohort: score.cohort.description,
            grade: state.grade(for: score, rank: rank, cohortSize: cohortSize), rank: rank, cohortSize: cohortSize,
            previousPoints: previous?.points, ingestSequence: ingestSequence)
        let digest = state.keep(update, at: slot)
        guard always || previous?.content != digest.content else { return [] }
        var outputs: [ScoringOutput] = [.score(update)]
        if previousGrade != update.grade, previous != nil || update.grade != nil {
            outputs.append(.gradeChanged(GradeChanged(
                subjectKind: scheme.subjectKind, subjectID: subject, subjectName: name, schemeID: scheme.id,
                previous: previousGrade, current: update.grade, points: update.points,
                ingestSequence: ingestSequence)))
        }
        return outputs
    }

    // MARK: High-tech

    private mutating func assessHighTech(code: String, ingestSequence: UInt64) -> [ScoringOutput] {
        guard let record = enterprises[code], let latest = record.latestStored,
              let date = LocalDate(year: latest.year + 1, month: 1, day: 1) else { return [] }
        let recent = record.recent(3)
        let assessment: HighTechAssessment
        do {
            assessment = try assessor.assess(recent, on: date)
        } catch {
            return []  // e.g. filings that break the filing rules the assessment relies on: no assessment, not a wrong one
        }
        let previous = record.highTech
        // Written once: hashed for the digest here, and the body of the message when it is published.
        let json = HighTechUpdateBody.assessmentJSON(assessment)
        let digest = HighTechDigest(assessment, json: json)
        enterprises[code]?.highTech = digest
        guard previous?.content != digest.content else { return [] }
        var outputs: [ScoringOutput] = [
            .highTech(HighTechUpdate(assessment: assessment, ingestSequence: ingestSequence), assessmentJSON: json),
        ]
        if previous?.tier != assessment.tier || previous?.eligibility != assessment.eligibility {
            outputs.append(.highTechChanged(HighTechChanged(
                creditCode: code, enterpriseName: assessment.enterpriseName, previousEligibility: previous?.eligibility,
                eligibility: assessment.eligibility, previousTier: previous?.tier, tier: assessment.tier,
                ingestSequence: ingestSequence)))
        }
        return outputs
    }

    // MARK: Queries

    /// Subjects whose id equals `query` or whose name contains it (case-insensitive), enterprises first.
    func find(_ query: String, limit: Int = 50) -> [SubjectSummary] {
        let needle = query.trimmingCharacters(in: .whitespaces).uppercased()
        guard !needle.isEmpty else { return [] }
        if let record = enterprises[needle], let summary = Self.summary(needle, record) { return [summary] }
        var found: [SubjectSummary] = []
        for code in enterprises.keys.sorted() {
            guard let record = enterprises[code], let summary = Self.summary(code, record) else { continue }
            if code.hasPrefix(needle) || summary.name.uppercased().contains(needle) {
                found.append(summary)
                if found.count >= limit { return found }
            }
        }
        for kind in records.keys.sorted() where kind != Self.enterpriseKind {
            for id in (records[kind] ?? [:]).keys.sorted() {
                guard let periods = records[kind]?[id], let period = periods.keys.max(), let latest = periods[period]
                else { continue }
                if id.uppercased() == needle || id.uppercased().hasPrefix(needle) || latest.name.uppercased().contains(needle) {
                    found.append(SubjectSummary(kind: kind, id: id, name: latest.name, town: latest.town, period: period))
                    if found.count >= limit { return found }
                }
            }
        }
        return found
    }

    /// `update` (a published score, read back from the database) with its rank, cohort size and percentile grade as
    /// of now.
    func live(_ update: ScoreUpdate) -> ScoreUpdate {
        guard let scheme = schemes.first(where: { $0.id == update.schemeID }), let state = states[scheme.id],
              let position = state.ranking.position(of: update.subjectID) else { return update }
        var current = update
        current.rank = position.rank
        current.cohortSize = position.cohortSize
        if !scheme.grades.tiers.isEmpty, current.vetoedBy.isEmpty {
            current.grade = scheme.grades.tier(rank: position.rank, cohortSize: position.cohortSize).map {
                ScoreGrade(id: $0.id, nameZh: $0.nameZh, nameEn: $0.nameEn)
            }
        }
        return current
    }

    /// The grade of `subject` under `scheme` as of now (percentile tier from its live rank, else its point band).
    private func liveGrade(of subject: String, scheme: ScoringScheme, state: SchemeState) -> ScoreGrade? {
        guard let slot = subjectSlot(of: subject, kind: scheme.subjectKind), let digest = state.digest(at: slot) else { return nil }
        guard !scheme.grades.tiers.isEmpty else { return state.grade(of: digest) }
        guard !digest.vetoed, let position = state.ranking.position(of: subject) else { return nil }
        return scheme.grades.tier(rank: position.rank, cohortSize: position.cohortSize).map {
            ScoreGrade(id: $0.id, nameZh: $0.nameZh, nameEn: $0.nameEn)
        }
    }

    /// The dense number of a subject of `kind`, if it has data.
    private func subjectSlot(of subject: String, kind: String) -> Int32? {
        kind == Self.enterpriseKind ? enterprises[subject]?.slot : otherSlots[kind]?[subject]
    }

    /// The name of a subject of `kind`.
    func name(of subject: String, kind: String) -> String? {
        if kind == Self.enterpriseKind { return enterprises[subject]?.latestStored?.enterpriseName }
        return latestRecord(kind: kind, id: subject)?.name
    }

    /// The ranking of a scheme, best first per cohort, `top` rows per cohort.
    func ranking(schemeID: String?, kind: String, cohort: String?, top: Int) -> RankingReply? {
        guard let scheme = schemes.first(where: { schemeID == nil ? $0.subjectKind == kind : $0.id == schemeID }),
              let state = states[scheme.id] else { return nil }
        var rows: [RankingRow] = []
        for key in state.ranking.cohorts where cohort == nil || key.description == cohort {
            let size = state.ranking.count(in: key)
            for ranked in state.ranking.ranked(in: key, limit: max(1, top)) {
                rows.append(RankingRow(
                    cohort: key.description, rank: ranked.rank, cohortSize: size, subjectID: ranked.subject,
                    name: name(of: ranked.subject, kind: scheme.subjectKind) ?? ranked.subject, points: ranked.points,
                    grade: liveGrade(of: ranked.subject, scheme: scheme, state: state)))
            }
        }
        return RankingReply(schemeID: scheme.id, schemeNameZh: scheme.nameZh, rows: rows)
    }

    /// Subjects with data, and current scores.
    var counts: (subjects: Int, scores: Int) {
        let others = records.filter { $0.key != Self.enterpriseKind }.values.reduce(0) { $0 + $1.count }
        return (enterprises.count + others, states.values.reduce(0) { $0 + $1.scoreCount })
    }

    private static func summary(_ code: String, _ record: EnterpriseRecord) -> SubjectSummary? {
        guard let latest = record.latestStored else { return nil }
        return SubjectSummary(
            kind: enterpriseKind, id: code, name: latest.enterpriseName, town: latest.town, period: String(latest.year))
    }
}
