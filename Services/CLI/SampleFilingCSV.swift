import Domain
import Foundation

/// Filings as CSV for ingest: a header row naming the JSON fields, money as plain numbers in 万元 (ingest's
/// default unit for money columns), flags `true`/`false`, `awards` and `creditFlags` as JSON text, empty cells
/// for "not reported"; cells with commas, quotes or line breaks are quoted (RFC 4180).
enum SampleFilingCSV {
    /// The columns, in order.
    static let columns = [
        "year", "creditCode", "enterpriseName", "operatingRevenue", "rdExpense", "rdExpenseDomestic", "totalStaff",
        "stStaff", "rdStaff", "highTechRevenue", "netAssets", "inventionPatents", "ipClassI", "ipClassII",
        "techContractTurnover", "scienceProjects", "hasRDInstitution", "rdInstitutionLevel", "awards", "creditFlags",
        "aboveScale", "industrial", "town",
    ]

    /// The CSV text (header, one row per filing, trailing newline).
    static func render(_ filings: [EnterpriseFiling]) -> String {
        var lines = [columns.joined(separator: ",")]
        for filing in filings {
            lines.append(row(filing).map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One filing's cells in column order.
    static func row(_ filing: EnterpriseFiling) -> [String] {
        func money(_ value: Money?) -> String {
            value.map { DecimalText.string($0.converted(to: .wanYuan).amount) } ?? ""
        }
        func count(_ value: Int?) -> String { value.map(String.init) ?? "" }
        func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }
        let awards = filing.awards.isEmpty ? "" : SampleDataGenerator.jsonLine(filing.awards)
        let credit = filing.creditFlags.hasAny ? SampleDataGenerator.jsonLine(filing.creditFlags) : ""
        return [
            String(filing.year), filing.creditCode.rawValue, filing.enterpriseName, money(filing.operatingRevenue),
            money(filing.rdExpense), money(filing.rdExpenseDomestic), String(filing.totalStaff), count(filing.stStaff),
            count(filing.rdStaff), money(filing.highTechRevenue), money(filing.netAssets), count(filing.inventionPatents),
            count(filing.ipClassI), count(filing.ipClassII), money(filing.techContractTurnover),
            count(filing.scienceProjects), flag(filing.hasRDInstitution), filing.rdInstitutionLevel?.rawValue ?? "",
            awards, credit, flag(filing.aboveScale), flag(filing.industrial), filing.town ?? "",
        ]
    }

    /// A cell, neutralised for spreadsheets (``neutralised(_:)``), then quoted when it holds a comma, quote or line
    /// break. Every CSV file Kechuang writes goes through this function.
    static func quote(_ cell: String) -> String {
        let cell = neutralised(cell)
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// CSV injection guard: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
    /// formula by spreadsheet programs, so it gets a leading `'` (shown as text). Plain numbers (`-12.5`, `+3`)
    /// are left as they are: they are not formulas and must stay numbers for ingest.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if (first == "-" || first == "+"), DecimalText.parse(cell) != nil { return cell }
        return "'" + cell
    }
}
