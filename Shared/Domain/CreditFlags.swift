/// Credit and violation flags of an enterprise for a filing year (any of them blocks 高企 recognition and
/// most awards).
public struct CreditFlags: Codable, Sendable, Hashable {
    /// 严重失信: listed as seriously dishonest.
    public var seriousDishonesty: Bool
    /// 重大安全事故: a major safety incident in the year.
    public var majorSafetyIncident: Bool
    /// 重大质量事故: a major quality incident in the year.
    public var majorQualityIncident: Bool
    /// 严重环境违法: a serious environmental violation in the year.
    public var environmentalViolation: Bool

    /// Creates flags; all default to `false`.
    public init(
        seriousDishonesty: Bool = false, majorSafetyIncident: Bool = false,
        majorQualityIncident: Bool = false, environmentalViolation: Bool = false
    ) {
        self.seriousDishonesty = seriousDishonesty
        self.majorSafetyIncident = majorSafetyIncident
        self.majorQualityIncident = majorQualityIncident
        self.environmentalViolation = environmentalViolation
    }

    /// No flag set.
    public static let clean = CreditFlags()

    /// Whether any flag is set.
    public var hasAny: Bool {
        seriousDishonesty || majorSafetyIncident || majorQualityIncident || environmentalViolation
    }

    private enum CodingKeys: String, CodingKey {
        case seriousDishonesty, majorSafetyIncident, majorQualityIncident, environmentalViolation
    }

    /// Decodes; absent flags are `false`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seriousDishonesty = try container.decodeIfPresent(Bool.self, forKey: .seriousDishonesty) ?? false
        majorSafetyIncident = try container.decodeIfPresent(Bool.self, forKey: .majorSafetyIncident) ?? false
        majorQualityIncident = try container.decodeIfPresent(Bool.self, forKey: .majorQualityIncident) ?? false
        environmentalViolation = try container.decodeIfPresent(Bool.self, forKey: .environmentalViolation) ?? false
    }
}
