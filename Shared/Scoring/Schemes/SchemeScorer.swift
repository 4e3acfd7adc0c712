import Foundation

/// Scores subjects under one scheme.
///
/// Scoring is split in two: ``assess(_:)`` computes everything that needs only the subject (stage, cohort, raw
/// and subject-only normalised values, negative items); ``score(_:percentiles:)`` adds the cohort-relative
/// normalisations from a ``CohortPercentiles`` and totals. Missing data marks an indicator missing (0 points,
/// flagged); a subject with no data for any indicator is not scored.
public struct SchemeScorer: Sendable {
    /// The scheme.
    public let scheme: ScoringScheme

    /// Creates a scorer.
    public init(scheme: ScoringScheme) {
        self.scheme = scheme
    }

    // MARK: Subject-only part

    /// The subject's stage (`nil` for a scheme without stages), or why it cannot be told.
    public func stage(for inputs: SubjectInputs) -> Result<SchemeStage?, UnscoredReason> {
        guard !scheme.stages.isEmpty else { return .success(nil) }
        for stage in scheme.stages {
            let missing = stage.conditions.map(\.input).filter { inputs.values[$0] == nil }
            guard missing.isEmpty else { return .failure(.stageUnknown(missingInputs: missing)) }
            let holds = stage.conditions.allSatisfy { condition in
                inputs.values[condition.input].map(condition.range.contains) ?? false
            }
            if holds { return .success(stage) }
        }
        return .failure(.noMatchingStage)
    }

    /// The cohort of a subject in `stage`.
    public func cohort(for inputs: SubjectInputs, stage: SchemeStage?) -> CohortKey {
        CohortKey(scheme.cohort.dimensions.map { dimension in
            let value: String
            switch dimension {
            case .stage:
                value = stage?.id ?? CohortKey.unknown
            case .revenueBand:
                let revenue = scheme.cohort.revenueSource.flatMap { inputs.values[$0] }
                value = revenue.flatMap { scheme.cohort.revenueBand(for: $0)?.id } ?? CohortKey.unknown
            case .attribute(let name):
                value = inputs.attributes[name] ?? CohortKey.unknown
            }
            return CohortKey.Component(dimension: dimension.description, value: value)
        })
    }

    /// The subject-only part of the score, or why the subject is not scored.
    public func assess(_ inputs: SubjectInputs) -> Result<SubjectAssessment, UnscoredReason> {
        let sources = scheme.categories.flatMap { category in
            category.indicators.map { (category.id, $0, $0.source.evaluate(inputs.values)) }
        }
        let hasData = sources.contains { entry in
            if case .value = entry.2 { return true }
            return false
        }
        guard hasData else { return .failure(.noData) }
        let stage: SchemeStage?
        switch self.stage(for: inputs) {
        case .success(let found): stage = found
        case .failure(let reason): return .failure(reason)
        }
        let indicators = sources.map { categoryID, indicator, value in
            let weight = indicator.weights.weight(in: stage?.id)
            switch value {
            case .value(let raw):
                return IndicatorAssessment(
                    indicator: indicator, categoryID: categoryID, raw: raw, missing: nil, weight: weight,
                    normalised: indicator.normalisation.normalise(raw))
            case .missing(let reason):
                return IndicatorAssessment(
                    indicator: indicator, categoryID: categoryID, raw: nil, missing: reason, weight: weight,
                    normalised: nil)
            }
        }
        let negatives = scheme.negatives.map { item in negativeResult(item, inputs) }
        return .success(SubjectAssessment(
            subjectID: inputs.subjectID, stage: stage, cohort: cohort(for: inputs, stage: stage),
            indicators: indicators, negatives: negatives))
    }

    private func negativeResult(_ item: NegativeItem, _ inputs: SubjectInputs) -> NegativeItemResult {
        switch item.source.evaluate(inputs.values) {
        case .missing(let reason):
            return NegativeItemResult(item: item, raw: nil, missing: reason, triggered: false, deduction: 0)
        case .value(let raw):
            let triggered = item.isTriggered(by: raw)
            var deduction: Decimal = 0
            if triggered {
                switch item.effect {
                case .veto: deduction = 0
                case .deduct(let points): deduction = points
                case .deductPerUnit(let points): deduction = DecimalRounding.round(points.multiplied(by: raw), places: scheme.precision)
                }
                if let cap = item.cap { deduction = min(deduction, cap) }
            }
            return NegativeItemResult(item: item, raw: raw, missing: nil, triggered: triggered, deduction: deduction)
        }
    }

    // MARK: Completing with the cohort

    /// The score of an assessed subject, with percentile indicators normalised within its cohort.
    public func score(_ assessment: SubjectAssessment, percentiles: CohortPercentiles) -> Score {
        let lines = assessment.indicators.map { entry in
            var normalised = entry.normalised
            if entry.needsCohort, let raw = entry.raw {
                normalised = percentiles.percentile(
                    indicator: entry.indicator.id, value: raw, subject: assessment.subjectID, cohort: assessment.cohort)
            }
            let points = normalised.map { DecimalRounding.round($0.multiplied(by: entry.weight), places: scheme.precision) } ?? 0
            return IndicatorScore(
                indicatorID: entry.indicator.id, nameZh: entry.indicator.nameZh, nameEn: entry.indicator.nameEn,
                categoryID: entry.categoryID, isBonus: isBonus(entry.categoryID), source: entry.indicator.source.description,
                raw: entry.raw, normalised: normalised, weight: entry.weight, points: points, missing: entry.missing)
        }
        let categories = scheme.categories.map { category in
            let uncapped = lines.filter { $0.categoryID == category.id }.reduce(Decimal(0)) { $0.adding($1.points) }
            return CategoryScore(
                categoryID: category.id, nameZh: category.nameZh, nameEn: category.nameEn, kind: category.kind,
                uncapped: uncapped, cap: category.cap, points: category.cap.map { min(uncapped, $0) } ?? uncapped)
        }
        let base = categories.filter { $0.kind == .base }.reduce(Decimal(0)) { $0.adding($1.points) }
        var bonus = categories.filter { $0.kind == .bonus }.reduce(Decimal(0)) { $0.adding($1.points) }
        if let cap = scheme.scale.bonusCap { bonus = min(bonus, cap) }
        var deductions = assessment.negatives.reduce(Decimal(0)) { $0.adding($1.deduction) }
        if let cap = scheme.deductionCap { deductions = min(deductions, cap) }
        let vetoedBy = assessment.negatives.filter(\.vetoes).map(\.item.id)
        var total = max(base.adding(bonus).subtracting(deductions), 0)
        if let cap = scheme.scale.max { total = min(total, cap) }
        if !vetoedBy.isEmpty { total = 0 }
        return Score(
            schemeID: scheme.id, schemeVersion: scheme.version, subjectID: assessment.subjectID,
            stage: assessment.stage, cohort: assessment.cohort, total: total, base: base, bonus: bonus,
            deductions: deductions, vetoedBy: vetoedBy, categories: categories, indicators: lines,
            negatives: assessment.negatives, grade: vetoedBy.isEmpty ? scheme.grades.band(for: total) : nil)
    }

    /// Assesses and scores in one step: `nil` when the subject is not scored (see ``assess(_:)``). Percentile
    /// indicators are ranked within `percentiles` (by default an empty cohort, where the subject alone earns 1).
    public func score(_ inputs: SubjectInputs, percentiles: CohortPercentiles = CohortPercentiles()) -> Score? {
        guard case .success(let assessment) = assess(inputs) else { return nil }
        return score(assessment, percentiles: percentiles)
    }

    private func isBonus(_ categoryID: String) -> Bool {
        scheme.categories.first { $0.id == categoryID }?.kind == .bonus
    }
}
