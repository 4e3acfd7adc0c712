import Contracts
import Domain
import Foundation

/// Parses a subject-records document — CSV with a header row (see ``SubjectCSVHeader``), a JSON array, or JSON
/// lines (see ``SubjectRecordJSON``); the format is chosen like filings' by the first non-blank character — and
/// checks every record with ``SubjectRecordRules``. A document with any bad record is rejected whole, listing
/// every problem with its line, column and field; the code is `invalid_subject`, or `invalid_credit_code` when
/// every problem is an enterprise record's invalid 统一社会信用代码.
enum SubjectRecordParser {
    /// Every record in document order, or the rejection naming every problem.
    static func parse(
        _ text: Substring, rules: SubjectRecordRules, currentYear: Int
    ) -> Result<[ParsedRecord<SubjectRecord>], SubmitRejected> {
        var copy = String(text)
        let format = FilingParser.format(of: text)
        return copy.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            switch format {
            case .jsonArray, .jsonLines:
                return parseJSON(bytes, format: format, rules: rules, currentYear: currentYear)
            case .csv:
                return parseCSV(bytes, rules: rules, currentYear: currentYear)
            }
        }
    }

    // MARK: JSON

    private static func parseJSON(
        _ bytes: UnsafeRawBufferPointer, format: FilingParser.Format, rules: SubjectRecordRules, currentYear: Int
    ) -> Result<[ParsedRecord<SubjectRecord>], SubmitRejected> {
        let values: [JSONScanner.Value]
        do throws(JSONSyntaxError) {
            values = format == .jsonArray ? try JSONScanner.arrayElements(of: bytes) : try JSONScanner.lineValues(of: bytes)
        } catch {
            return .failure(FilingParser.malformedJSON(error))
        }
        var checker = Checker(rules: rules, currentYear: currentYear)
        for (offset, value) in values.enumerated() {
            let data = Data(UnsafeRawBufferPointer(rebasing: bytes[value.range]))
            guard data.first == UInt8(ascii: "{") else {
                checker.problems.append(RejectionProblem(
                    message: "expected a JSON object (one subject record)", line: value.position.line,
                    column: value.position.column))
                continue
            }
            checker.check(SubjectRecordJSON.fields(data, index: offset + 1, position: value.position))
        }
        return checker.finish(records: values.count)
    }

    // MARK: CSV

    private static func parseCSV(
        _ bytes: UnsafeRawBufferPointer, rules: SubjectRecordRules, currentYear: Int
    ) -> Result<[ParsedRecord<SubjectRecord>], SubmitRejected> {
        let records: [CSVParser.Record]
        do throws(CSVError) {
            records = try CSVParser.parse(bytes)
        } catch {
            return .failure(SubmitRejected(
                code: .malformedCSV, message: "malformed CSV at \(error.position): \(error.message)",
                problems: [RejectionProblem(message: error.message, line: error.position.line, column: error.position.column)]))
        }
        guard let headerRecord = records.first else {
            return .failure(SubmitRejected(code: .empty, message: "the CSV document has no header row"))
        }
        let header: SubjectCSVHeader
        switch SubjectCSVHeader.resolve(headerRecord, rules: rules) {
        case .failure(let rejection):
            return .failure(rejection)
        case .success(let resolved):
            header = resolved
        }
        var checker = Checker(rules: rules, currentYear: currentYear)
        checker.problems = header.unknownColumns
        var shapeProblems: [RejectionProblem] = []
        for (offset, record) in records.dropFirst().enumerated() {
            guard record.fields.count == header.count else {
                shapeProblems.append(RejectionProblem(
                    message: "\(record.fields.count) fields, but the header has \(header.count)", line: record.line))
                continue
            }
            checker.check(header.fields(record, index: offset + 1))
        }
        if !shapeProblems.isEmpty {
            return .failure(SubmitRejected(
                code: .malformedCSV,
                message: "malformed CSV: \(shapeProblems.count) record(s) with the wrong number of fields",
                problems: shapeProblems))
        }
        return checker.finish(records: records.count - 1)
    }

    // MARK: Checking

    /// Checks records one by one, keeping the good ones and every problem.
    private struct Checker {
        let rules: SubjectRecordRules
        let currentYear: Int
        var records: [ParsedRecord<SubjectRecord>] = []
        var problems: [RejectionProblem] = []
        var creditCodeProblems = 0

        init(rules: SubjectRecordRules, currentYear: Int) {
            self.rules = rules
            self.currentYear = currentYear
        }

        mutating func check(_ fields: SubjectRecordFields) {
            let outcome = rules.check(fields, currentYear: currentYear)
            if let record = outcome.record {
                records.append(ParsedRecord(index: fields.index, line: fields.line, value: record))
            } else {
                problems.append(contentsOf: outcome.problems)
                creditCodeProblems += outcome.creditCodeProblems
            }
        }

        func finish(records count: Int) -> Result<[ParsedRecord<SubjectRecord>], SubmitRejected> {
            if !problems.isEmpty {
                let onlyCreditCodes = creditCodeProblems == problems.count
                return .failure(ProblemList.rejection(
                    problems, records: count, noun: "subject record",
                    fallback: onlyCreditCodes ? .invalidCreditCode : .invalidSubject))
            }
            if records.isEmpty {
                return .failure(SubmitRejected(code: .empty, message: "the subject document holds no records"))
            }
            return .success(records)
        }
    }
}
