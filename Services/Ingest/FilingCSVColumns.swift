import Domain
import Foundation

/// How CSV filing columns map to ``Domain/EnterpriseFiling``'s JSON fields.
///
/// The header row names the JSON fields exactly (`year,creditCode,enterpriseName,operatingRevenue,…`), in any
/// order. Money columns hold plain numbers; their unit comes from an optional `<field>Unit` column
/// (`operatingRevenueUnit` = 元 / 万元 / 亿元) and defaults to **万元**. Counts and the year are integers; flags are
/// `true/false`, `1/0`, `是/否`, `yes/no`; `awards` and `creditFlags` hold their JSON text. Empty cells mean "not
/// reported". Unknown column names are errors (typos would otherwise silently drop data).
enum FilingCSVColumns {
    /// The kind of value a column holds.
    enum Kind: Sendable {
        case integer, text, money, flag, json
    }

    /// Default unit of money columns without a `<field>Unit` column.
    static let defaultMoneyUnit = "万元"

    /// Every filing field and its kind.
    static let fields: [String: Kind] = [
        "year": .integer, "creditCode": .text, "enterpriseName": .text,
        "operatingRevenue": .money, "rdExpense": .money, "rdExpenseDomestic": .money,
        "totalStaff": .integer, "stStaff": .integer, "rdStaff": .integer,
        "highTechRevenue": .money, "netAssets": .money, "inventionPatents": .integer,
        "ipClassI": .integer, "ipClassII": .integer, "techContractTurnover": .money,
        "scienceProjects": .integer, "hasRDInstitution": .flag, "rdInstitutionLevel": .text,
        "awards": .json, "creditFlags": .json, "aboveScale": .flag, "industrial": .flag, "town": .text,
    ]

    /// Whether `name` is a valid column header (a field or a money field's unit column).
    static func isKnown(_ name: String) -> Bool {
        if fields[name] != nil { return true }
        guard name.hasSuffix("Unit") else { return false }
        return fields[String(name.dropLast(4))] == .money
    }

    /// The JSON value of a cell of column `field` (nil for an empty cell). Cells that cannot be read as their
    /// kind are passed on as strings, so the filing decoder reports them with the field name.
    static func jsonValue(_ cell: String, field: String, unit: String?) -> Any? {
        let text = UnicodeWhitespace.trimmingWhitespace(cell)
        guard !text.isEmpty, let kind = fields[field] else { return nil }
        switch kind {
        case .text:
            return text
        case .integer:
            if let value = Int(text) { return value }
            return text
        case .money:
            let unitText = unit.map(UnicodeWhitespace.trimmingWhitespace)
            return ["amount": text.replacingOccurrences(of: ",", with: ""),
                    "unit": (unitText?.isEmpty == false ? unitText : nil) ?? defaultMoneyUnit]
        case .flag:
            switch text.lowercased() {
            case "true", "1", "yes", "y", "是": return true
            case "false", "0", "no", "n", "否": return false
            default: return text
            }
        case .json:
            let bytes = Data(text.utf8)
            // Check the syntax (and nesting depth) with the strict scanner before Foundation parses it.
            let wellFormed = bytes.withUnsafeBytes { raw in
                (try? JSONScanner.validate(raw)) != nil
            }
            if let first = text.first, first == "[" || first == "{", wellFormed,
               let object = try? JSONSerialization.jsonObject(with: bytes) {
                return object
            }
            return text
        }
    }
}
