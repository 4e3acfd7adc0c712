import Foundation

/// What "within reach" means for cultivation tier B. None of these is public: they are a county's policy,
/// given here with defaults to adjust.
///
/// An enterprise is tier B when it is not eligible now (tier A), every gap is within reach by these rules,
/// and its evaluation can reach ``minimumEvaluationPoints``; otherwise tier C.
public struct HighTechTierRules: Codable, Sendable, Hashable {
    /// An R&D ratio short of its band's threshold by at most this many percentage points is within reach (1).
    public var rdIntensityWithinPoints: Decimal
    /// An S&T staff share short by at most this many percentage points is within reach (3).
    public var stStaffWithinPoints: Decimal
    /// A domestic R&D share short by at most this many percentage points is within reach (10).
    public var domesticRDWithinPoints: Decimal
    /// A high-tech revenue share short by at most this many percentage points is within reach (10).
    public var highTechRevenueWithinPoints: Decimal
    /// The evaluation must be able to reach this many points (60).
    public var minimumEvaluationPoints: Decimal
    /// Whether being registered under the minimum years is within reach (true: it is a matter of waiting).
    public var registrationWithinReach: Bool
    /// Whether owning no IP at all is within reach (false).
    public var intellectualPropertyWithinReach: Bool
    /// Whether a major incident in the past year is within reach (false: a clean year must pass).
    public var incidentWithinReach: Bool
    /// How unknowns count. When true (default), an unknown condition does not block tier B and the
    /// evaluation is judged by its best case (``HighTechEvaluation/maximumPoints``): tier B is a cultivation
    /// list, and the assessment names what to find out. When false, an unknown condition blocks tier B and
    /// the evaluation is judged by its worst case (``HighTechEvaluation/minimumPoints``).
    public var unknownsCountOptimistically: Bool

    /// Creates rules with the defaults above.
    public init(
        rdIntensityWithinPoints: Decimal = 1,
        stStaffWithinPoints: Decimal = 3,
        domesticRDWithinPoints: Decimal = 10,
        highTechRevenueWithinPoints: Decimal = 10,
        minimumEvaluationPoints: Decimal = 60,
        registrationWithinReach: Bool = true,
        intellectualPropertyWithinReach: Bool = false,
        incidentWithinReach: Bool = false,
        unknownsCountOptimistically: Bool = true
    ) {
        self.rdIntensityWithinPoints = rdIntensityWithinPoints
        self.stStaffWithinPoints = stStaffWithinPoints
        self.domesticRDWithinPoints = domesticRDWithinPoints
        self.highTechRevenueWithinPoints = highTechRevenueWithinPoints
        self.minimumEvaluationPoints = minimumEvaluationPoints
        self.registrationWithinReach = registrationWithinReach
        self.intellectualPropertyWithinReach = intellectualPropertyWithinReach
        self.incidentWithinReach = incidentWithinReach
        self.unknownsCountOptimistically = unknownsCountOptimistically
    }

    /// The defaults.
    public static let standard = HighTechTierRules()
}
