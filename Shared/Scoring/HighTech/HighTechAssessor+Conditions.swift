import Domain
import Foundation

/// The yes/no hard conditions: registration, IP ownership, technology field, incidents.
extension HighTechAssessor {
    /// Registered at least ``HighTechCriteria/minimumYearsRegistered`` full years at the assessment date: from
    /// the registration date, else from `yearsRegistered`, else inferred from the earliest filing (an
    /// enterprise filing for year E existed on 31 December of E at the latest), else unknown.
    func registration(_ input: HighTechInput) -> HighTechConditionResult {
        let minimum = criteria.minimumYearsRegistered
        let threshold = Decimal(minimum)
        let condition = HighTechCondition.registeredOneYear
        let shortZh = "注册成立不满 \(minimum) 年"
        let shortEn = "registered less than \(minimum) year\(minimum == 1 ? "" : "s")"
        if let registered = input.facts.registrationDate {
            let years = Self.fullYears(from: registered, to: input.date)
            let check = HighTechConditionCheck(
                condition: condition, status: years >= minimum ? .met : .notMet, actual: Decimal(years),
                threshold: threshold, unit: .years)
            guard years < minimum else { return HighTechConditionResult(check) }
            let anniversary = registered.adding(years: minimum)
            return HighTechConditionResult(
                notMet: check, remedy: .waitUntil(anniversary), withinReach: tierRules.registrationWithinReach,
                messageZh: "\(shortZh)：\(anniversary) 起满足", messageEn: "\(shortEn): met from \(anniversary)")
        }
        if let years = input.facts.yearsRegistered {
            let check = HighTechConditionCheck(
                condition: condition, status: years >= minimum ? .met : .notMet, actual: Decimal(years),
                threshold: threshold, unit: .years)
            guard years < minimum else { return HighTechConditionResult(check) }
            return HighTechConditionResult(
                notMet: check, remedy: .waitUntil(nil), withinReach: tierRules.registrationWithinReach,
                messageZh: shortZh, messageEn: shortEn)
        }
        let earliest = input.earliestFilingYear
        if let yearEnd = LocalDate(year: earliest, month: 12, day: 31), yearEnd.adding(years: minimum) <= input.date {
            return HighTechConditionResult(HighTechConditionCheck(
                condition: condition, status: .met, threshold: threshold, unit: .years,
                remarkZh: "未提供注册日期：已有 \(earliest) 年度填报，推定成立已满 \(minimum) 年",
                remarkEn: "no registration date: the \(earliest) filing shows at least \(minimum) year(s) of existence"))
        }
        return HighTechConditionResult(.unknown(
            condition, .factNotProvided(fact: "registrationDate", years: []), threshold: threshold, unit: .years))
    }

    /// Owns at least one class-I or class-II IP item (latest filing; class I is the larger of `ipClassI` and
    /// `inventionPatents`, invention patents being class I). Whether the IP supports the main products is not
    /// in the data: "met" means "owns IP".
    func intellectualProperty(_ input: HighTechInput) -> HighTechConditionResult {
        let counts = HighTechIPCounts(input.latest)
        let condition = HighTechCondition.intellectualProperty
        let owned = (counts.classI ?? 0) + (counts.classII ?? 0)
        if owned > 0 {
            return HighTechConditionResult(HighTechConditionCheck(
                condition: condition, status: .met, actual: Decimal(owned), threshold: 1, unit: .count))
        }
        guard counts.missingFields.isEmpty else {
            return HighTechConditionResult(.unknown(
                condition, .notReported(field: counts.missingFields.joined(separator: ", "), years: [input.latest.year]),
                threshold: 1, unit: .count))
        }
        return HighTechConditionResult(
            notMet: HighTechConditionCheck(condition: condition, status: .notMet, actual: 0, threshold: 1, unit: .count),
            remedy: .obtainIntellectualProperty(count: 1), withinReach: tierRules.intellectualPropertyWithinReach,
            messageZh: "无自主知识产权：需取得至少 1 项Ⅰ类或Ⅱ类知识产权",
            messageEn: "no owned IP: needs at least one class-I or class-II IP item")
    }

    /// The technology field, from ``HighTechFacts/technologyFieldSupported`` only.
    func technologyField(_ input: HighTechInput) -> HighTechConditionResult {
        let condition = HighTechCondition.technologyField
        guard let supported = input.facts.technologyFieldSupported else {
            return HighTechConditionResult(.unknown(condition, .factNotProvided(fact: "technologyFieldSupported", years: [])))
        }
        let check = HighTechConditionCheck(condition: condition, status: supported ? .met : .notMet)
        guard !supported else { return HighTechConditionResult(check) }
        return HighTechConditionResult(
            notMet: check, remedy: .none, withinReach: false,
            messageZh: "技术领域不属于《国家重点支持的高新技术领域》",
            messageEn: "technology outside the national key-supported high-tech fields")
    }

    /// No major safety or quality incident, serious environmental violation (or, when
    /// ``HighTechCriteria/seriousDishonestyBlocks``, serious dishonesty) in the latest filing year.
    func incident(_ input: HighTechInput) -> HighTechConditionResult {
        let flags = input.latest.creditFlags
        var found: [(zh: String, en: String)] = []
        if flags.majorSafetyIncident { found.append(("重大安全事故", "major safety incident")) }
        if flags.majorQualityIncident { found.append(("重大质量事故", "major quality incident")) }
        if flags.environmentalViolation { found.append(("严重环境违法行为", "serious environmental violation")) }
        if flags.seriousDishonesty, criteria.seriousDishonestyBlocks { found.append(("严重失信", "serious dishonesty")) }
        let condition = HighTechCondition.noMajorIncident
        guard !found.isEmpty else { return HighTechConditionResult(HighTechConditionCheck(condition: condition, status: .met)) }
        let year = input.latest.year
        return HighTechConditionResult(
            notMet: HighTechConditionCheck(condition: condition, status: .notMet),
            remedy: .none, withinReach: tierRules.incidentWithinReach,
            messageZh: "\(year) 年度有\(found.map(\.zh).joined(separator: "、"))记录：需满一年无此类记录",
            messageEn: "\(year): \(found.map(\.en).joined(separator: ", ")) recorded: a year without any is needed")
    }

    /// Full years from `start` to `end` (anniversaries reached, 29 February counting on 28 February).
    static func fullYears(from start: LocalDate, to end: LocalDate) -> Int {
        var years = end.year - start.year
        if start.adding(years: years) > end { years -= 1 }
        return max(0, years)
    }
}
