import Domain
import Foundation

/// The columns of one CSV filing header, resolved once per batch: which field each column fills, its kind and
/// its unit column. Builds each row's ``Domain/EnterpriseFiling`` straight from the cells when every cell reads
/// cleanly as its kind; any other row (a missing required field, an unreadable cell, a JSON column with text)
/// goes through ``jsonObject(_:)`` and the lenient JSON decoder, which names each problem exactly as before.
struct FilingCSVPlan {
    /// One filing field column.
    private struct Column {
        /// Index of the cell in a record.
        var index: Int
        /// The field's JSON name.
        var field: String
        /// Which filing property the cell fills.
        var slot: Slot
        /// Index of the `<field>Unit` cell, for money columns that have one.
        var unitIndex: Int?
    }

    /// The properties of ``Domain/EnterpriseFiling`` a column can fill.
    private enum Slot {
        case year, creditCode, enterpriseName, operatingRevenue, rdExpense, rdExpenseDomestic, totalStaff, stStaff
        case rdStaff, highTechRevenue, netAssets, inventionPatents, ipClassI, ipClassII, techContractTurnover
        case scienceProjects, hasRDInstitution, rdInstitutionLevel, awards, creditFlags, aboveScale, industrial, town
    }

    private static let slots: [String: Slot] = [
        "year": .year, "creditCode": .creditCode, "enterpriseName": .enterpriseName,
        "operatingRevenue": .operatingRevenue, "rdExpense": .rdExpense, "rdExpenseDomestic": .rdExpenseDomestic,
        "totalStaff": .totalStaff, "stStaff": .stStaff, "rdStaff": .rdStaff, "highTechRevenue": .highTechRevenue,
        "netAssets": .netAssets, "inventionPatents": .inventionPatents, "ipClassI": .ipClassI,
        "ipClassII": .ipClassII, "techContractTurnover": .techContractTurnover,
        "scienceProjects": .scienceProjects, "hasRDInstitution": .hasRDInstitution,
        "rdInstitutionLevel": .rdInstitutionLevel, "awards": .awards, "creditFlags": .creditFlags,
        "aboveScale": .aboveScale, "industrial": .industrial, "town": .town,
    ]

    private let columns: [Column]

    /// Resolves the (already checked: known, not repeated) header `names`.
    init(names: [String]) {
        let columnOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        columns = names.enumerated().compactMap { index, name in
            guard FilingCSVColumns.fields[name] != nil, let slot = Self.slots[name] else { return nil }
            return Column(index: index, field: name, slot: slot, unitIndex: columnOf[name + "Unit"])
        }
    }

    /// The row as the JSON object the lenient decoder reads (see ``FilingCSVColumns/jsonValue(_:field:unit:)``).
    func jsonObject(_ fields: [String]) -> [String: Any] {
        var object: [String: Any] = [:]
        for column in columns {
            let unit = column.unitIndex.map { fields[$0] }
            if let value = FilingCSVColumns.jsonValue(fields[column.index], field: column.field, unit: unit) {
                object[column.field] = value
            }
        }
        return object
    }

    /// The filing of the row `fields` (not yet validated) when every cell reads cleanly, else `nil`: the caller
    /// then decodes ``jsonObject(_:)`` to learn what is wrong. Builds the same value that decoding would.
    func filing(_ fields: [String]) -> EnterpriseFiling? {
        var year: Int?, creditCode: UnifiedSocialCreditCode?, enterpriseName: String?
        var operatingRevenue: Money?, rdExpense: Money?, totalStaff: Int?
        var rdExpenseDomestic: Money?, stStaff: Int?, rdStaff: Int?, highTechRevenue: Money?, netAssets: Money?
        var inventionPatents: Int?, ipClassI: Int?, ipClassII: Int?, techContractTurnover: Money?
        var scienceProjects: Int?, hasRDInstitution: Bool?, rdInstitutionLevel: RecognitionLevel?
        var aboveScale: Bool?, industrial: Bool?, town: String?
        for column in columns {
            let text = UnicodeWhitespace.trimmingWhitespace(fields[column.index])
            if text.isEmpty { continue }
            switch column.slot {
            case .year: guard let value = Int(text) else { return nil }; year = value
            case .creditCode: guard let value = UnifiedSocialCreditCode(text) else { return nil }; creditCode = value
            case .enterpriseName: enterpriseName = text
            case .town: town = text
            case .rdInstitutionLevel:
                guard let value = RecognitionLevel(rawValue: text) else { return nil }
                rdInstitutionLevel = value
            case .totalStaff: guard let value = Int(text) else { return nil }; totalStaff = value
            case .stStaff: guard let value = Int(text) else { return nil }; stStaff = value
            case .rdStaff: guard let value = Int(text) else { return nil }; rdStaff = value
            case .inventionPatents: guard let value = Int(text) else { return nil }; inventionPatents = value
            case .ipClassI: guard let value = Int(text) else { return nil }; ipClassI = value
            case .ipClassII: guard let value = Int(text) else { return nil }; ipClassII = value
            case .scienceProjects: guard let value = Int(text) else { return nil }; scienceProjects = value
            case .hasRDInstitution: guard let value = Self.flag(text) else { return nil }; hasRDInstitution = value
            case .aboveScale: guard let value = Self.flag(text) else { return nil }; aboveScale = value
            case .industrial: guard let value = Self.flag(text) else { return nil }; industrial = value
            case .awards, .creditFlags:
                return nil
            case .operatingRevenue, .rdExpense, .rdExpenseDomestic, .highTechRevenue, .netAssets,
                 .techContractTurnover:
                guard let money = Self.money(text, unit: column.unitIndex.map { fields[$0] }) else { return nil }
                switch column.slot {
                case .operatingRevenue: operatingRevenue = money
                case .rdExpense: rdExpense = money
                case .rdExpenseDomestic: rdExpenseDomestic = money
                case .highTechRevenue: highTechRevenue = money
                case .netAssets: netAssets = money
                default: techContractTurnover = money
                }
            }
        }
        guard let year, let creditCode, let enterpriseName, let operatingRevenue, let rdExpense, let totalStaff
        else { return nil }
        return EnterpriseFiling(
            year: year, creditCode: creditCode, enterpriseName: enterpriseName,
            operatingRevenue: operatingRevenue, rdExpense: rdExpense, rdExpenseDomestic: rdExpenseDomestic,
            totalStaff: totalStaff, stStaff: stStaff, rdStaff: rdStaff, highTechRevenue: highTechRevenue,
            netAssets: netAssets, inventionPatents: inventionPatents, ipClassI: ipClassI, ipClassII: ipClassII,
            techContractTurnover: techContractTurnover, scienceProjects: scienceProjects,
            hasRDInstitution: hasRDInstitution ?? (rdInstitutionLevel != nil), rdInstitutionLevel: rdInstitutionLevel,
            aboveScale: aboveScale, industrial: industrial, town: town)
    }

    /// The flag of a clean cell, as ``FilingCSVColumns/jsonValue(_:field:unit:)`` reads it.
    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "y", "是": true
        case "false", "0", "no", "n", "否": false
        default: nil
        }
    }

    /// The money of a clean cell: grouping commas dropped, unit from the unit cell or 万元, as decoding reads it.
    private static func money(_ text: String, unit: String?) -> Money? {
        let amountText = text.utf8.contains(UInt8(ascii: ",")) ? text.replacingOccurrences(of: ",", with: "") : text
        guard let amount = DecimalText.parse(amountText) else { return nil }
        let unitText = unit.map(UnicodeWhitespace.trimmingWhitespace)
        let symbol = (unitText?.isEmpty == false ? unitText : nil) ?? FilingCSVColumns.defaultMoneyUnit
        return moneyUnit(symbol).map { Money(amount, $0) }
    }

    /// The money unit a unit cell names, as `MeasureUnit(symbol:)` reads it; the three canonical symbols directly
    /// (reading every other spelling of every unit was ≈ 5 % of parsing a filing row).
    static func moneyUnit(_ symbol: String) -> MoneyUnit? {
        if symbol == FilingCSVColumns.defaultMoneyUnit { return .wanYuan }
        if let canonical = MoneyUnit(rawValue: symbol) { return canonical }
        return MeasureUnit(symbol: symbol).flatMap(MoneyUnit.init)
    }
}
