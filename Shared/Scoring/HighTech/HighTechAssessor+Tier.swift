import Foundation

/// The evaluation gap and the cultivation tier.
extension HighTechAssessor {
    /// The gap when the evaluation cannot pass: it needs more than `passAbove − maximumPoints` further points.
    func evaluationGap(_ evaluation: HighTechEvaluation) -> HighTechGap? {
        guard evaluation.outcome == .fails else { return nil }
        let best = evaluation.maximumPoints
        let shortfall = evaluation.passAbove - best
        let bestText = HighTechText.points(best)
        let passText = HighTechText.points(evaluation.passAbove)
        let shortText = HighTechText.points(shortfall)
        let qualifierZh = evaluation.isKnown ? "" : "最高"
        let qualifierEn = evaluation.isKnown ? "" : "at most "
        return HighTechGap(
            subject: .evaluation, actual: best, required: evaluation.passAbove, unit: .points,
            remedy: .raiseEvaluation(points: shortfall),
            isWithinReach: evaluationBound(evaluation) >= tierRules.minimumEvaluationPoints,
            messageZh: "创新能力评价估计\(qualifierZh) \(bestText) 分，需超过 \(passText) 分：还需提高 \(shortText) 分以上",
            messageEn: "innovation evaluation \(qualifierEn)\(bestText) points, needs more than \(passText): "
                + "more than \(shortText) further points needed")
    }

    /// A when eligible; B when every gap is within reach, the evaluation can reach
    /// ``HighTechTierRules/minimumEvaluationPoints`` and (unless unknowns count optimistically) nothing is
    /// unknown; C otherwise.
    func tier(
        eligibility: HighTechEligibility, conditions: [HighTechConditionCheck], evaluation: HighTechEvaluation,
        gaps: [HighTechGap]
    ) -> HighTechTier {
        if eligibility == .eligible { return .a }
        let unknownsAllowed = tierRules.unknownsCountOptimistically || !conditions.contains { $0.status.isUnknown }
        if unknownsAllowed, gaps.allSatisfy(\.isWithinReach),
           evaluationBound(evaluation) >= tierRules.minimumEvaluationPoints {
            return .b
        }
        return .c
    }

    /// The evaluation total the tier rules judge: the best case when unknowns count optimistically, else the
    /// worst case.
    private func evaluationBound(_ evaluation: HighTechEvaluation) -> Decimal {
        tierRules.unknownsCountOptimistically ? evaluation.maximumPoints : evaluation.minimumPoints
    }
}
