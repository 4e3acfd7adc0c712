/// A condition's check with its gap when not met.
struct HighTechConditionResult {
    /// The check.
    var check: HighTechConditionCheck
    /// The gap, present exactly when the check is not met.
    var gap: HighTechGap?

    /// A result that is met or unknown (no gap).
    init(_ check: HighTechConditionCheck) {
        self.check = check
        self.gap = nil
    }

    /// A result not met, with its gap; the gap's figures are the check's.
    init(
        notMet check: HighTechConditionCheck, remedy: HighTechGapRemedy, withinReach: Bool,
        messageZh: String, messageEn: String
    ) {
        self.check = check
        self.gap = HighTechGap(
            subject: .condition(check.condition), actual: check.actual, required: check.threshold, unit: check.unit,
            remedy: remedy, isWithinReach: withinReach, messageZh: messageZh, messageEn: messageEn)
    }
}
