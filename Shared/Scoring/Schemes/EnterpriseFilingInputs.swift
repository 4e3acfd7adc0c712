import Domain
import Foundation

/// Turns an enterprise's annual filing into ``SubjectInputs`` under the names of ``StandardInputs/enterprise``.
///
/// Amounts are in 元; flags are 0 or 1; an optional field not filed is absent (missing), never 0;
/// `rdInstitutionLevel` is 0 without an institution, town 1 … national 5, and absent when the level is not filed.
/// The derived figures (`ageYears`, `revenueGrowthPercent`, `netAssetGrowthPercent`) are added by the caller,
/// which knows the register and earlier filings.
public enum EnterpriseFilingInputs {
    /// The filing's inputs, with the subject id the credit code and `town` as an attribute when filed.
    public static func inputs(from filing: EnterpriseFiling) -> SubjectInputs {
        var values: [String: Decimal] = [
            "operatingRevenue": filing.operatingRevenue.yuan,
            "rdExpense": filing.rdExpense.yuan,
            "totalStaff": Decimal(filing.totalStaff),
            "hasRDInstitution": flag(filing.hasRDInstitution),
            "awardsCount": Decimal(filing.awards.count),
            "awardsProvincialOrAbove": Decimal(filing.awards.filter { $0.level >= .provincial }.count),
            "awardsNational": Decimal(filing.awards.filter { $0.level == .national }.count),
            "seriousDishonesty": flag(filing.creditFlags.seriousDishonesty),
            "majorSafetyIncident": flag(filing.creditFlags.majorSafetyIncident),
            "majorQualityIncident": flag(filing.creditFlags.majorQualityIncident),
            "environmentalViolation": flag(filing.creditFlags.environmentalViolation),
        ]
        let optionalAmounts: [(String, Money?)] = [
            ("rdExpenseDomestic", filing.rdExpenseDomestic), ("highTechRevenue", filing.highTechRevenue),
            ("netAssets", filing.netAssets), ("techContractTurnover", filing.techContractTurnover),
        ]
        for (name, money) in optionalAmounts {
            if let money { values[name] = money.yuan }
        }
        let optionalCounts: [(String, Int?)] = [
            ("stStaff", filing.stStaff), ("rdStaff", filing.rdStaff), ("inventionPatents", filing.inventionPatents),
            ("ipClassI", filing.ipClassI), ("ipClassII", filing.ipClassII), ("scienceProjects", filing.scienceProjects),
        ]
        for (name, count) in optionalCounts {
            if let count { values[name] = Decimal(count) }
        }
        if !filing.hasRDInstitution {
            values["rdInstitutionLevel"] = 0
        } else if let level = filing.rdInstitutionLevel {
            values["rdInstitutionLevel"] = Decimal((RecognitionLevel.allCases.firstIndex(of: level) ?? -1) + 1)
        }
        if let aboveScale = filing.aboveScale { values["aboveScale"] = flag(aboveScale) }
        if let industrial = filing.industrial { values["industrial"] = flag(industrial) }
        var attributes: [String: String] = [:]
        if let town = filing.town { attributes["town"] = town }
        return SubjectInputs(subjectID: filing.creditCode.description, values: values, attributes: attributes)
    }

    private static func flag(_ value: Bool) -> Decimal { value ? 1 : 0 }
}
