/// An enterprise the bureau follows.
public struct Enterprise: Codable, Sendable, Hashable, Identifiable {
    /// 统一社会信用代码; also the identity.
    public var creditCode: UnifiedSocialCreditCode
    /// Registered name.
    public var name: String
    /// Industry (free text or a GB/T 4754 code as the county records it).
    public var industry: String?
    /// Date of registration.
    public var registrationDate: LocalDate?
    /// 规上: main-business revenue ≥ ¥20 M a year.
    public var aboveScale: Bool
    /// Whether the enterprise is industrial (规上工业企业 counts need both flags).
    public var isIndustrial: Bool
    /// 初创 / 成长 / 稳定.
    public var stage: EnterpriseStage?
    /// Town or park (镇 / 区) the enterprise belongs to.
    public var town: String?

    /// The identity: the credit code.
    public var id: UnifiedSocialCreditCode { creditCode }

    /// Creates an enterprise.
    public init(
        creditCode: UnifiedSocialCreditCode, name: String, industry: String? = nil,
        registrationDate: LocalDate? = nil, aboveScale: Bool = false, isIndustrial: Bool = false,
        stage: EnterpriseStage? = nil, town: String? = nil
    ) {
        self.creditCode = creditCode
        self.name = name
        self.industry = industry
        self.registrationDate = registrationDate
        self.aboveScale = aboveScale
        self.isIndustrial = isIndustrial
        self.stage = stage
        self.town = town
    }

    /// Whether the enterprise is an above-scale industrial enterprise (规上工业企业).
    public var isAboveScaleIndustrial: Bool { aboveScale && isIndustrial }
}
