import Domain
import Foundation

/// Assesses an enterprise for 高新技术企业 recognition from its filings (高企培育库 分类分档). Pure: no I/O, no
/// clock; the same input always gives the same assessment.
///
/// ```swift
/// let assessment = try HighTechAssessor().assess(filings, facts: facts, on: date)
/// assessment.tier            // .a / .b / .c
/// assessment.gaps.map(\.messageZh)
/// ```
public struct HighTechAssessor: Sendable {
    /// The hard-condition thresholds.
    public var criteria: HighTechCriteria { didSet { ruleProblems = Self.problems(criteria, evaluationRules) } }
    /// How the evaluation is estimated.
    public var evaluationRules: HighTechEvaluationRules {
        didSet { ruleProblems = Self.problems(criteria, evaluationRules) }
    }
    /// What is wrong with the rules (checked when they are set, not at every assessment).
    private var ruleProblems: [String]
    /// What "within reach" means for tier B.
    public var tierRules: HighTechTierRules

    /// Creates an assessor; by default the 2016 rules and the standard tier rules.
    public init(
        criteria: HighTechCriteria = .rules2016, evaluationRules: HighTechEvaluationRules = .rules2016,
        tierRules: HighTechTierRules = .standard
    ) {
        self.criteria = criteria
        self.evaluationRules = evaluationRules
        self.tierRules = tierRules
        ruleProblems = Self.problems(criteria, evaluationRules)
    }

    private static func problems(_ criteria: HighTechCriteria, _ rules: HighTechEvaluationRules) -> [String] {
        criteria.problems() + rules.problems()
    }

    /// Assesses one enterprise at `date`.
    ///
    /// - Parameters:
    ///   - filings: the enterprise's annual filings, any order, one per year; filings after `date`'s year and
    ///     before the period are ignored (see ``HighTechPeriod``).
    ///   - facts: what the filings do not carry; anything `nil` shows as unknown.
    ///   - date: the assessment date (registration age is measured to it).
    /// - Throws: ``HighTechAssessmentError`` when the inputs make no sense together (no filings, several
    ///   enterprises, a duplicate year, a used filing breaking the filing rules, an impossible fact, unusable
    ///   rules). Missing data is never an error.
    public func assess(
        _ filings: [EnterpriseFiling], facts: HighTechFacts = HighTechFacts(), on date: LocalDate
    ) throws(HighTechAssessmentError) -> HighTechAssessment {
        guard ruleProblems.isEmpty else { throw .invalidRules(ruleProblems) }
        try facts.validate(on: date, rules: evaluationRules)
        let input = try HighTechInput(filings: filings, facts: facts, date: date, criteria: criteria)
        guard let rdBand = criteria.rdBand(forSales: input.latest.operatingRevenue) else {
            throw .invalidRules(["no rdBands entry admits sales of \(input.latest.operatingRevenue)"])
        }

        let results = [
            registration(input), intellectualProperty(input), technologyField(input), stStaffShare(input),
            rdIntensity(input, band: rdBand), domesticRDShare(input), highTechRevenueShare(input),
            incident(input),
        ]
        let conditions = results.map(\.check)
        let evaluation = evaluate(input)
        var gaps = results.compactMap(\.gap)
        if let gap = evaluationGap(evaluation) { gaps.append(gap) }
        let eligibility = Self.eligibility(conditions: conditions, evaluation: evaluation)
        return HighTechAssessment(
            creditCode: input.latest.creditCode, enterpriseName: input.latest.enterpriseName, assessmentDate: date,
            period: input.period, rdBand: rdBand, conditions: conditions, evaluation: evaluation,
            eligibility: eligibility, gaps: gaps,
            tier: tier(eligibility: eligibility, conditions: conditions, evaluation: evaluation, gaps: gaps))
    }

    /// Not eligible when a condition is not met or the evaluation fails; eligible when every condition is met
    /// and the evaluation passes; undetermined otherwise.
    static func eligibility(
        conditions: [HighTechConditionCheck], evaluation: HighTechEvaluation
    ) -> HighTechEligibility {
        if conditions.contains(where: { $0.status == .notMet }) || evaluation.outcome == .fails { return .notEligible }
        if conditions.allSatisfy(\.status.isMet), evaluation.outcome == .passes { return .eligible }
        return .undetermined
    }
}
