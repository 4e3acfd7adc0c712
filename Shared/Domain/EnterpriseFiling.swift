import Foundation

/// An enterprise's annual innovation filing (企业年度创新数据填报).
///
/// Required: `year`, `creditCode`, `enterpriseName`, `operatingRevenue`, `rdExpense`, `totalStaff`.
/// Everything else is optional (`nil` = not reported). Decoding never crashes on bad input: it throws a
/// ``FilingRejection`` listing each missing or unreadable field; ``validate(currentYear:)`` checks the values.
public struct EnterpriseFiling: Codable, Sendable, Hashable {
    /// The year the figures cover.
    public var year: Int
    /// The enterprise's 统一社会信用代码.
    public var creditCode: UnifiedSocialCreditCode
    /// The enterprise's name as filed.
    public var enterpriseName: String
    /// 营业收入.
    public var operatingRevenue: Money
    /// 研发费用.
    public var rdExpense: Money
    /// 境内研发费用: the part of ``rdExpense`` spent in China.
    public var rdExpenseDomestic: Money?
    /// 职工总数.
    public var totalStaff: Int
    /// 科技人员.
    public var stStaff: Int?
    /// 研发人员.
    public var rdStaff: Int?
    /// 高新技术产品（服务）收入.
    public var highTechRevenue: Money?
    /// 净资产 (used for growth; may be negative).
    public var netAssets: Money?
    /// 发明专利 (granted, owned).
    public var inventionPatents: Int?
    /// Ⅰ类知识产权 count.
    public var ipClassI: Int?
    /// Ⅱ类知识产权 count.
    public var ipClassII: Int?
    /// 技术合同成交额.
    public var techContractTurnover: Money?
    /// 承担科技计划项目 (science projects undertaken).
    public var scienceProjects: Int?
    /// Whether the enterprise has an R&D institution (研发机构).
    public var hasRDInstitution: Bool
    /// The highest level at which its R&D institution is recognised, if any.
    public var rdInstitutionLevel: RecognitionLevel?
    /// Awards reported for the year.
    public var awards: [FilingAward]
    /// Credit and violation flags.
    public var creditFlags: CreditFlags
    /// 规上 flag as filed.
    public var aboveScale: Bool?
    /// Industrial enterprise flag as filed.
    public var industrial: Bool?
    /// Town or park.
    public var town: String?

    /// Creates a filing.
    public init(
        year: Int, creditCode: UnifiedSocialCreditCode, enterpriseName: String,
        operatingRevenue: Money, rdExpense: Money, rdExpenseDomestic: Money? = nil,
        totalStaff: Int, stStaff: Int? = nil, rdStaff: Int? = nil,
        highTechRevenue: Money? = nil, netAssets: Money? = nil,
        inventionPatents: Int? = nil, ipClassI: Int? = nil, ipClassII: Int? = nil,
        techContractTurnover: Money? = nil, scienceProjects: Int? = nil,
        hasRDInstitution: Bool = false, rdInstitutionLevel: RecognitionLevel? = nil,
        awards: [FilingAward] = [], creditFlags: CreditFlags = .clean,
        aboveScale: Bool? = nil, industrial: Bool? = nil, town: String? = nil
    ) {
        self.year = year
        self.creditCode = creditCode
        self.enterpriseName = enterpriseName
        self.operatingRevenue = operatingRevenue
        self.rdExpense = rdExpense
        self.rdExpenseDomestic = rdExpenseDomestic
        self.totalStaff = totalStaff
        self.stStaff = stStaff
        self.rdStaff = rdStaff
        self.highTechRevenue = highTechRevenue
        self.netAssets = netAssets
        self.inventionPatents = inventionPatents
        self.ipClassI = ipClassI
        self.ipClassII = ipClassII
        self.techContractTurnover = techContractTurnover
        self.scienceProjects = scienceProjects
        self.hasRDInstitution = hasRDInstitution
        self.rdInstitutionLevel = rdInstitutionLevel
        self.awards = awards
        self.creditFlags = creditFlags
        self.aboveScale = aboveScale
        self.industrial = industrial
        self.town = town
    }

    // MARK: Derived ratios (exact, in percent)

    /// R&D intensity: R&D expense ÷ operating revenue × 100, or `nil` when revenue is zero.
    public var rdIntensityPercent: Decimal? {
        EnterpriseFiling.percent(rdExpense.yuan, of: operatingRevenue.yuan)
    }

    /// Share of R&D expense spent in China × 100, or `nil` when not reported or R&D expense is zero.
    public var domesticRDSharePercent: Decimal? {
        rdExpenseDomestic.flatMap { EnterpriseFiling.percent($0.yuan, of: rdExpense.yuan) }
    }

    /// High-tech product/service revenue ÷ operating revenue × 100, or `nil`.
    public var highTechRevenueSharePercent: Decimal? {
        highTechRevenue.flatMap { EnterpriseFiling.percent($0.yuan, of: operatingRevenue.yuan) }
    }

    /// S&T staff ÷ total staff × 100, or `nil`.
    public var stStaffSharePercent: Decimal? {
        stStaff.flatMap { EnterpriseFiling.percent(Decimal($0), of: Decimal(totalStaff)) }
    }

    private static func percent(_ part: Decimal, of total: Decimal) -> Decimal? {
        total == 0 ? nil : part.divided(by: total) * 100
    }

    // MARK: Validation

    /// Checks the values and returns every violation (empty when the filing is acceptable):
    /// year not after `currentYear`, no negative amounts or counts (net assets may be negative),
    /// shares not over 100 %, R&D and S&T staff not above total staff, required text not empty,
    /// R&D institution level only with an R&D institution.
    public func validate(currentYear: Int) -> [FilingViolation] {
        var problems: [FilingViolation] = []
        if year > currentYear {
            problems.append(FilingViolation(
                field: "year", rule: .yearInFuture,
                message: "year: \(year) is after the current year \(currentYear)"))
        } else if year < Catalog.earliestYear {
            problems.append(FilingViolation(
                field: "year", rule: .invalidValue,
                message: "year: \(year) is before \(Catalog.earliestYear), outside the catalog's plausible years "
                    + "\(Catalog.earliestYear)…\(currentYear)"))
        }
        if UnicodeWhitespace.isBlank(enterpriseName) {
            problems.append(.missing("enterpriseName"))
        }
        // One call per field (not a loop over an array of tuples built for every filing: that array was a fifth of
        // checking a filing).
        func amount(_ field: String, _ nameZh: String, _ money: Money?) {
            if let money, money.isNegative {
                problems.append(FilingViolation(
                    field: field, rule: .negative, message: "\(field) (\(nameZh)): \(money) is negative"))
            }
        }
        amount("operatingRevenue", "营业收入", operatingRevenue)
        amount("rdExpense", "研发费用", rdExpense)
        amount("rdExpenseDomestic", "境内研发费用", rdExpenseDomestic)
        amount("highTechRevenue", "高新技术产品收入", highTechRevenue)
        amount("techContractTurnover", "技术合同成交额", techContractTurnover)
        func count(_ field: String, _ nameZh: String, _ count: Int?) {
            if let count, count < 0 {
                problems.append(FilingViolation(
                    field: field, rule: .negative, message: "\(field) (\(nameZh)): \(count) is negative"))
            }
        }
        count("totalStaff", "职工总数", totalStaff)
        count("stStaff", "科技人员", stStaff)
        count("rdStaff", "研发人员", rdStaff)
        count("inventionPatents", "发明专利", inventionPatents)
        count("ipClassI", "Ⅰ类知识产权", ipClassI)
        count("ipClassII", "Ⅱ类知识产权", ipClassII)
        count("scienceProjects", "科技计划项目", scienceProjects)
        if let domestic = rdExpenseDomestic, domestic > rdExpense {
            problems.append(FilingViolation(
                field: "rdExpenseDomestic", rule: .shareOver100,
                message: "rdExpenseDomestic (境内研发费用): \(domestic) exceeds rdExpense \(rdExpense), a share over 100 %"))
        }
        if let highTech = highTechRevenue, highTech > operatingRevenue {
            problems.append(FilingViolation(
                field: "highTechRevenue", rule: .shareOver100,
                message: "highTechRevenue (高新技术产品收入): \(highTech) exceeds operatingRevenue \(operatingRevenue), a share over 100 %"))
        }
        func staff(_ field: String, _ nameZh: String, _ staff: Int?) {
            if let staff, staff > totalStaff {
                problems.append(FilingViolation(
                    field: field, rule: .exceedsTotal,
                    message: "\(field) (\(nameZh)): \(staff) exceeds totalStaff \(totalStaff)"))
            }
        }
        staff("rdStaff", "研发人员", rdStaff)
        staff("stStaff", "科技人员", stStaff)
        if let level = rdInstitutionLevel, !hasRDInstitution {
            problems.append(FilingViolation(
                field: "rdInstitutionLevel", rule: .inconsistent,
                message: "rdInstitutionLevel: \(level.rawValue) given but hasRDInstitution is false"))
        }
        for (index, award) in awards.enumerated() {
            if UnicodeWhitespace.isBlank(award.name) {
                problems.append(.missing("awards[\(index)].name"))
            }
            if let awardYear = award.year, awardYear > currentYear {
                problems.append(FilingViolation(
                    field: "awards[\(index)].year", rule: .yearInFuture,
                    message: "awards[\(index)].year: \(awardYear) is after the current year \(currentYear)"))
            } else if let awardYear = award.year, awardYear < Catalog.earliestYear {
                problems.append(FilingViolation(
                    field: "awards[\(index)].year", rule: .invalidValue,
                    message: "awards[\(index)].year: \(awardYear) is before \(Catalog.earliestYear)"))
            }
        }
        return problems
    }

    /// Decodes a filing from JSON and validates it: the filing when acceptable, otherwise a rejection listing
    /// every decoding and validation violation.
    public static func decodeValidated(
        from data: Data, currentYear: Int
    ) -> Result<EnterpriseFiling, FilingRejection> {
        let filing: EnterpriseFiling
        do {
            filing = try JSONDecoder().decode(EnterpriseFiling.self, from: data)
        } catch let rejection as FilingRejection {
            return .failure(rejection)
        } catch {
            return .failure(FilingRejection(violations: [.invalid("$", "not a JSON object: \(error)")]))
        }
        let problems = filing.validate(currentYear: currentYear)
        return problems.isEmpty ? .success(filing) : .failure(FilingRejection(violations: problems))
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case year, creditCode, enterpriseName, operatingRevenue, rdExpense, rdExpenseDomestic, totalStaff
        case stStaff, rdStaff, highTechRevenue, netAssets, inventionPatents, ipClassI, ipClassII
        case techContractTurnover, scienceProjects, hasRDInstitution, rdInstitutionLevel, awards, creditFlags
        case aboveScale, industrial, town
    }

    /// Decodes leniently: collects every missing required field and every unreadable field, then throws a
    /// ``FilingRejection`` naming them all (never a bare `DecodingError` for a field problem).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var reader = FieldReader(container: container)
        let year: Int? = reader.required(.year)
        let codeText: String? = reader.required(.creditCode)
        let enterpriseName: String? = reader.required(.enterpriseName)
        let operatingRevenue: Money? = reader.required(.operatingRevenue)
        let rdExpense: Money? = reader.required(.rdExpense)
        let totalStaff: Int? = reader.required(.totalStaff)
        var creditCode: UnifiedSocialCreditCode?
        if let codeText {
            do {
                creditCode = try UnifiedSocialCreditCode(parsing: codeText)
            } catch {
                reader.problems.append(.invalid("creditCode", "\(error)"))
            }
        }
        let optional = (
            rdExpenseDomestic: reader.optional(.rdExpenseDomestic) as Money?,
            stStaff: reader.optional(.stStaff) as Int?,
            rdStaff: reader.optional(.rdStaff) as Int?,
            highTechRevenue: reader.optional(.highTechRevenue) as Money?,
            netAssets: reader.optional(.netAssets) as Money?,
            inventionPatents: reader.optional(.inventionPatents) as Int?,
            ipClassI: reader.optional(.ipClassI) as Int?,
            ipClassII: reader.optional(.ipClassII) as Int?,
            techContractTurnover: reader.optional(.techContractTurnover) as Money?,
            scienceProjects: reader.optional(.scienceProjects) as Int?,
            hasRDInstitution: reader.optional(.hasRDInstitution) as Bool?,
            rdInstitutionLevel: reader.optional(.rdInstitutionLevel) as RecognitionLevel?,
            awards: reader.optional(.awards) as [FilingAward]?,
            creditFlags: reader.optional(.creditFlags) as CreditFlags?,
            aboveScale: reader.optional(.aboveScale) as Bool?,
            industrial: reader.optional(.industrial) as Bool?,
            town: reader.optional(.town) as String?
        )
        guard reader.problems.isEmpty, let year, let creditCode, let enterpriseName, let operatingRevenue,
              let rdExpense, let totalStaff
        else { throw FilingRejection(violations: reader.problems) }
        self.init(
            year: year, creditCode: creditCode, enterpriseName: enterpriseName,
            operatingRevenue: operatingRevenue, rdExpense: rdExpense,
            rdExpenseDomestic: optional.rdExpenseDomestic, totalStaff: totalStaff,
            stStaff: optional.stStaff, rdStaff: optional.rdStaff, highTechRevenue: optional.highTechRevenue,
            netAssets: optional.netAssets, inventionPatents: optional.inventionPatents,
            ipClassI: optional.ipClassI, ipClassII: optional.ipClassII,
            techContractTurnover: optional.techContractTurnover, scienceProjects: optional.scienceProjects,
            hasRDInstitution: optional.hasRDInstitution ?? (optional.rdInstitutionLevel != nil),
            rdInstitutionLevel: optional.rdInstitutionLevel, awards: optional.awards ?? [],
            creditFlags: optional.creditFlags ?? .clean, aboveScale: optional.aboveScale,
            industrial: optional.industrial, town: optional.town)
    }

    /// Reads fields one by one, recording a named violation instead of failing on the first problem.
    private struct FieldReader {
        let container: KeyedDecodingContainer<CodingKeys>
        var problems: [FilingViolation] = []

        mutating func required<T: Decodable>(_ key: CodingKeys) -> T? {
            let (value, failed): (T?, Bool) = read(key)
            // Absent or null (an unreadable value was recorded by `read`).
            if value == nil, !failed { problems.append(.missing(key.stringValue)) }
            return value
        }

        mutating func optional<T: Decodable>(_ key: CodingKeys) -> T? {
            read(key).value
        }

        /// The value at `key` (`nil` when absent or null) through one `decodeIfPresent` — one lookup where asking
        /// `contains`, `decodeNil` and `decode` in turn took three — and whether it was unreadable (then recorded).
        private mutating func read<T: Decodable>(_ key: CodingKeys) -> (value: T?, failed: Bool) {
            do {
                return (try container.decodeIfPresent(T.self, forKey: key), false)
            } catch let error as DecodingError {
                problems.append(.invalid(key.stringValue, FieldReader.reason(error)))
            } catch {
                problems.append(.invalid(key.stringValue, "\(error)"))
            }
            return (nil, true)
        }

        private static func reason(_ error: DecodingError) -> String {
            switch error {
            case .typeMismatch(let type, _): "expected \(type)"
            case .valueNotFound(let type, _): "expected \(type), found null"
            case .keyNotFound(let key, _): "missing \(key.stringValue)"
            case .dataCorrupted(let context): context.debugDescription
            @unknown default: "\(error)"
            }
        }
    }
}
