import Contracts
import Domain
import Foundation
import Messaging

/// Parses a filing batch — a JSON array, JSON lines, or CSV with a header row (see ``FilingCSVColumns``) — into
/// validated ``Domain/EnterpriseFiling``s. A batch with any bad row is rejected whole, listing every problem with
/// its line, column and field.
enum FilingParser {
    /// The document format, chosen by the first non-blank character: `[` JSON array, `{` JSON lines, else CSV.
    enum Format: String, Sendable {
        case jsonArray = "json_array", jsonLines = "json_lines", csv
    }

    /// The format of `text`.
    static func format(of text: Substring) -> Format {
        switch text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) {
        case "[": .jsonArray
        case "{": .jsonLines
        default: .csv
        }
    }

    /// Every filing of the batch in document order, or the rejection naming every problem.
    static func parse(_ text: Substring, currentYear: Int) -> Result<[ParsedRecord<EnterpriseFiling>], SubmitRejected> {
        var copy = String(text)
        return copy.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            switch format(of: text) {
            case .jsonArray, .jsonLines:
                return parseJSON(bytes, format: format(of: text), currentYear: currentYear)
            case .csv:
                return parseCSV(bytes, currentYear: currentYear)
            }
        }
    }

    // MARK: JSON

    private static func parseJSON(
        _ bytes: UnsafeRawBufferPointer, format: Format, currentYear: Int
    ) -> Result<[ParsedRecord<EnterpriseFiling>], SubmitRejected> {
        let values: [JSONScanner.Value]
        do throws(JSONSyntaxError) {
            values = format == .jsonArray ? try JSONScanner.arrayElements(of: bytes) : try JSONScanner.lineValues(of: bytes)
        } catch {
            return .failure(malformedJSON(error))
        }
        var filings: [ParsedRecord<EnterpriseFiling>] = []
        var problems: [RejectionProblem] = []
        for (offset, value) in values.enumerated() {
            let data = Data(UnsafeRawBufferPointer(rebasing: bytes[value.range]))
            guard data.first == UInt8(ascii: "{") else {
                problems.append(RejectionProblem(
                    message: "expected a JSON object (one filing)", line: value.position.line,
                    column: value.position.column))
                continue
            }
            switch decodeValidated(data, currentYear: currentYear) {
            case .success(let filing):
                filings.append(ParsedRecord(index: offset + 1, line: value.position.line, value: filing))
            case .failure(let rejection):
                for violation in rejection.violations {
                    problems.append(RejectionProblem(
                        message: violation.message, line: value.position.line, column: value.position.column,
                        field: violation.field))
                }
            }
        }
        return finish(filings, problems: problems, records: values.count)
    }

    /// ``Domain/EnterpriseFiling/decodeValidated(from:currentYear:)`` with `FastJSONDecoder` first: it answers only
    /// when Foundation's `JSONDecoder` would decode the very same filing (any field problem makes it defer), so a
    /// clean line is decoded without `JSONDecoder` — which was 80 % of ingest's CPU on 1 000-line JSON filing
    /// batches — and every other line still gets Foundation's decoding and its exact messages.
    static func decodeValidated(_ data: Data, currentYear: Int) -> Result<EnterpriseFiling, FilingRejection> {
        guard let filing = FastJSONDecoder.decode(EnterpriseFiling.self, from: data) else {
            return EnterpriseFiling.decodeValidated(from: data, currentYear: currentYear)
        }
        let problems = filing.validate(currentYear: currentYear)
        return problems.isEmpty ? .success(filing) : .failure(FilingRejection(violations: problems))
    }

    /// The rejection for a JSON syntax error.
    static func malformedJSON(_ error: JSONSyntaxError) -> SubmitRejected {
        SubmitRejected(
            code: .malformedJSON, message: "malformed JSON at \(error.position): \(error.message)",
            problems: [RejectionProblem(message: error.message, line: error.position.line, column: error.position.column)])
    }

    // MARK: CSV

    private static func parseCSV(
        _ bytes: UnsafeRawBufferPointer, currentYear: Int
    ) -> Result<[ParsedRecord<EnterpriseFiling>], SubmitRejected> {
        let records: [CSVParser.Record]
        do throws(CSVError) {
            records = try CSVParser.parse(bytes)
        } catch {
            return .failure(SubmitRejected(
                code: .malformedCSV, message: "malformed CSV at \(error.position): \(error.message)",
                problems: [RejectionProblem(message: error.message, line: error.position.line, column: error.position.column)]))
        }
        guard let header = records.first else {
            return .failure(SubmitRejected(code: .empty, message: "the CSV document has no header row"))
        }
        let names = header.fields.map(UnicodeWhitespace.trimmingWhitespace)
        var headerProblems: [RejectionProblem] = []
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            let column = header.columns[index]
            if !FilingCSVColumns.isKnown(name) {
                headerProblems.append(RejectionProblem(
                    message: "unknown column \"\(name)\" (header names are the filing's JSON field names)",
                    line: header.line, column: column, field: name))
            } else if !seen.insert(name).inserted {
                headerProblems.append(RejectionProblem(
                    message: "column \"\(name)\" appears twice", line: header.line, column: column, field: name))
            }
        }
        if !headerProblems.isEmpty {
            return .failure(SubmitRejected(
                code: .malformedCSV, message: "bad CSV header row: \(headerProblems.count) problem(s)",
                problems: headerProblems))
        }
        let columnOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let plan = FilingCSVPlan(names: names)
        var filings: [ParsedRecord<EnterpriseFiling>] = []
        filings.reserveCapacity(records.count - 1)
        var problems: [RejectionProblem] = []
        var shapeProblems: [RejectionProblem] = []
        for (offset, record) in records.dropFirst().enumerated() {
            guard record.fields.count == names.count else {
                shapeProblems.append(RejectionProblem(
                    message: "\(record.fields.count) fields, but the header has \(names.count)", line: record.line))
                continue
            }
            // Clean rows skip the JSON round trip; the rest are decoded so every problem is named as before.
            if let filing = plan.filing(record.fields) {
                let violations = filing.validate(currentYear: currentYear)
                if violations.isEmpty {
                    filings.append(ParsedRecord(index: offset + 1, line: record.line, value: filing))
                } else {
                    for violation in violations {
                        problems.append(problem(violation, record: record, columnOf: columnOf))
                    }
                }
                continue
            }
            let data: Data
            do {
                data = try JSONSerialization.data(withJSONObject: plan.jsonObject(record.fields))
            } catch {
                problems.append(RejectionProblem(message: "row cannot be represented: \(error)", line: record.line))
                continue
            }
            switch EnterpriseFiling.decodeValidated(from: data, currentYear: currentYear) {
            case .success(let filing):
                filings.append(ParsedRecord(index: offset + 1, line: record.line, value: filing))
            case .failure(let rejection):
                for violation in rejection.violations {
                    problems.append(problem(violation, record: record, columnOf: columnOf))
                }
            }
        }
        if !shapeProblems.isEmpty {
            return .failure(SubmitRejected(
                code: .malformedCSV,
                message: "malformed CSV: \(shapeProblems.count) record(s) with the wrong number of fields",
                problems: shapeProblems))
        }
        return finish(filings, problems: problems, records: records.count - 1)
    }

    /// The problem for `violation` of CSV `record`, pointing at the cell of the violated field.
    private static func problem(
        _ violation: FilingViolation, record: CSVParser.Record, columnOf: [String: Int]
    ) -> RejectionProblem {
        let root = String(violation.field.prefix { $0 != "[" && $0 != "." })
        return RejectionProblem(
            message: violation.message, line: record.line, column: columnOf[root].map { record.columns[$0] },
            field: violation.field)
    }

    private static func finish(
        _ filings: [ParsedRecord<EnterpriseFiling>], problems: [RejectionProblem], records: Int
    ) -> Result<[ParsedRecord<EnterpriseFiling>], SubmitRejected> {
        if !problems.isEmpty {
            return .failure(ProblemList.rejection(problems, records: records, noun: "filing row", fallback: .invalidFiling))
        }
        if filings.isEmpty {
            return .failure(SubmitRejected(code: .empty, message: "the filing batch holds no filings"))
        }
        return .success(filings)
    }
}
