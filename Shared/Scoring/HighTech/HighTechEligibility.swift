/// Whether an enterprise meets the 高新技术企业 recognition conditions now.
public enum HighTechEligibility: String, Codable, Sendable, Hashable {
    /// Every hard condition is met and the innovation evaluation surely passes.
    case eligible
    /// At least one hard condition is not met, or the evaluation cannot pass.
    case notEligible
    /// Nothing known fails, but something needed is unknown.
    case undetermined

    /// The Chinese label.
    public var nameZh: String {
        switch self {
        case .eligible: "符合认定条件"
        case .notEligible: "不符合认定条件"
        case .undetermined: "信息不足，无法判定"
        }
    }

    /// The English label.
    public var nameEn: String {
        switch self {
        case .eligible: "eligible"
        case .notEligible: "not eligible"
        case .undetermined: "undetermined (information missing)"
        }
    }
}
