import Foundation
@testable import KechuangCLI

/// Reads the sample filings CSV back into filing JSON objects following ingest's documented CSV rules (header
/// names the JSON fields; money in 万元; flags true/false; awards and creditFlags as JSON; empty = absent).
enum CSVFilingReader {
    struct Malformed: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "CSV line \(line): \(reason)" }
    }

    static let money: Set<String> = [
        "operatingRevenue", "rdExpense", "rdExpenseDomestic", "highTechRevenue", "netAssets", "techContractTurnover",
    ]
    static let integers: Set<String> = [
        "year", "totalStaff", "stStaff", "rdStaff", "inventionPatents", "ipClassI", "ipClassII", "scienceProjects",
    ]
    static let flags: Set<String> = ["hasRDInstitution", "aboveScale", "industrial"]
    static let json: Set<String> = ["awards", "creditFlags"]

    /// One JSON object (as data) per CSV data row.
    static func jsonRows(_ text: String) throws -> [Data] {
        let records = try parse(text)
        guard let header = records.first else { throw Malformed(line: 1, reason: "no header") }
        var result: [Data] = []
        for (index, record) in records.dropFirst().enumerated() {
            guard record.count == header.count else {
                throw Malformed(line: index + 2, reason: "\(record.count) cells for \(header.count) columns")
            }
            var object: [String: Any] = [:]
            for (name, cell) in zip(header, record) where !cell.isEmpty {
                if money.contains(name) {
                    object[name] = ["amount": cell, "unit": "万元"]
                } else if integers.contains(name) {
                    guard let value = Int(cell) else { throw Malformed(line: index + 2, reason: "\(name) not an integer") }
                    object[name] = value
                } else if flags.contains(name) {
                    object[name] = cell == "true"
                } else if json.contains(name) {
                    object[name] = try JSONSerialization.jsonObject(with: Data(cell.utf8))
                } else {
                    object[name] = cell
                }
            }
            result.append(try JSONSerialization.data(withJSONObject: object))
        }
        return result
    }

    /// RFC 4180 records.
    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(cell)
                cell = ""
            } else if character == "\n" {
                record.append(cell)
                records.append(record)
                record = []
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if quoted { throw Malformed(line: records.count + 1, reason: "unterminated quote") }
        if !cell.isEmpty || !record.isEmpty {
            record.append(cell)
            records.append(record)
        }
        return records
    }
}
