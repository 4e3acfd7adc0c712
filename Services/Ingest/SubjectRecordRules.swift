import Contracts
import Domain
import Foundation
import Scoring

/// What a valid subject record is, and the check that turns ``SubjectRecordFields`` into a
/// ``Domain/SubjectRecord`` or names every problem with its line, column and field:
/// - `kind` is a catalog subject kind id (`enterprise`, `rd_institution`, `incubator` …);
/// - every value name is a scoring input of that kind (`StandardInputs.byKind`); values are plain decimal numbers
///   (JSON numbers or strings such as `"1.5"`; no exponent, no thousands separators), exact and not negative; an
///   empty cell or `null` means "not reported";
/// - attributes are limited to `StandardInputs.attributes` (`industry`, `town`);
/// - `id` and `name` are non-empty (at most ``maximumIDLength`` / ``maximumNameLength`` characters); an
///   enterprise's id is a valid 统一社会信用代码 (stored upper case);
/// - `period` is a year `YYYY`, a half year `YYYY-H1`/`YYYY-H2` or a quarter `YYYY-Q1`…`YYYY-Q4`, the year between
///   ``earliestYear`` and the current year.
struct SubjectRecordRules: Sendable {
    /// The catalog kind whose ids must be 统一社会信用代码.
    static let enterpriseKind = "enterprise"
    /// Longest accepted `id`, in characters.
    static let maximumIDLength = 64
    /// Longest accepted `name`, `town` or attribute text, in characters.
    static let maximumNameLength = 200
    /// Earliest accepted period year.
    static let earliestYear = Catalog.earliestYear

    /// Catalog subject kind ids, in catalog order.
    let kinds: [String]
    /// The value names each kind accepts.
    let vocabulary: [String: Set<String>]
    /// Accepted attribute names.
    let attributes: Set<String>

    /// The rules for the subject kinds of `catalog` and the scoring inputs of `StandardInputs`.
    init(catalog: Catalog) {
        kinds = catalog.subjectKinds.map(\.id)
        vocabulary = StandardInputs.byKind.mapValues { Set($0.map(\.name)) }
        attributes = Set(StandardInputs.attributes)
    }

    /// Every value name some catalog kind accepts (CSV headers outside it are unknown for every row).
    var allValueNames: Set<String> {
        kinds.reduce(into: Set<String>()) { names, kind in names.formUnion(vocabulary[kind] ?? []) }
    }

    /// The outcome of checking one record.
    struct Outcome: Sendable {
        /// The record, when it has no problem.
        var record: SubjectRecord?
        /// Every problem found.
        var problems: [RejectionProblem]
        /// How many of them are invalid credit codes of enterprise records.
        var creditCodeProblems: Int
    }

    /// Checks `fields` (read from line `fields.line`) against every rule.
    func check(_ fields: SubjectRecordFields, currentYear: Int) -> Outcome {
        var problems = fields.problems
        var creditCodeProblems = 0
        let line = fields.line
        func problem(_ message: String, field: String, column: Int?, limit: String? = nil) {
            problems.append(RejectionProblem(message: message, line: line, column: column, field: field, limit: limit))
        }
        // Fields already reported while reading (e.g. of the wrong JSON type) are not also reported as missing.
        let reported = Set(fields.problems.compactMap(\.field))
        /// The trimmed text of a required field, or `nil` after recording why it is missing.
        func required(_ text: SubjectRecordFields.Text?, _ field: String) -> String? {
            let value = text.map { Self.trimmed($0.text) } ?? ""
            guard !value.isEmpty else {
                if reported.contains(field) { return nil }
                problem("\(field): required field is missing or empty", field: field, column: text?.column ?? fields.column)
                return nil
            }
            return value
        }

        // kind
        let kindText = required(fields.kind, "kind")
        var kindVocabulary: Set<String>?
        if let kindText {
            if kinds.contains(kindText) {
                kindVocabulary = vocabulary[kindText] ?? []
            } else {
                problem(
                    "kind: unknown subject kind \"\(kindText)\" (catalog kinds: \(kinds.joined(separator: ", ")))",
                    field: "kind", column: fields.kind?.column)
            }
        }

        // id (a credit code for enterprises), name, town
        var id = required(fields.id, "id")
        if let idText = id {
            if idText.count > Self.maximumIDLength {
                problem(
                    "id: \(idText.count) characters, at most \(Self.maximumIDLength) allowed", field: "id",
                    column: fields.id?.column, limit: "\(Self.maximumIDLength) characters")
                id = nil
            } else if kindText == Self.enterpriseKind {
                do {
                    id = try UnifiedSocialCreditCode(parsing: idText).rawValue
                } catch {
                    problem(
                        "id: \"\(idText)\" is not a valid 统一社会信用代码 (enterprise ids are credit codes): \(error)",
                        field: "id", column: fields.id?.column)
                    creditCodeProblems += 1
                    id = nil
                }
            }
        }
        let name = required(fields.name, "name")
        if let name, name.count > Self.maximumNameLength {
            problem(
                "name: \(name.count) characters, at most \(Self.maximumNameLength) allowed", field: "name",
                column: fields.name?.column, limit: "\(Self.maximumNameLength) characters")
        }
        let town = fields.town.map { Self.trimmed($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
        if let town, town.count > Self.maximumNameLength {
            problem(
                "town: \(town.count) characters, at most \(Self.maximumNameLength) allowed", field: "town",
                column: fields.town?.column, limit: "\(Self.maximumNameLength) characters")
        }

        // period
        let period = required(fields.period, "period")
        if let period, let reason = Self.periodProblem(period, currentYear: currentYear) {
            problem("period: \(reason)", field: "period", column: fields.period?.column)
        }

        // values
        var values: [String: Decimal] = [:]
        for value in fields.values {
            if case .text(let text) = value.content, Self.trimmed(text).isEmpty { continue }
            if let kindVocabulary, !kindVocabulary.contains(value.name) {
                let known = kindVocabulary.sorted().joined(separator: ", ")
                problem(
                    "\(value.name): unknown indicator for kind \(kindText ?? "?") "
                        + (known.isEmpty ? "(this kind has no scoring inputs)" : "(known: \(known))"),
                    field: value.field, column: value.column)
                continue
            }
            let number: Decimal
            switch value.content {
            case .number(let decimal):
                number = decimal
            case .text(let text):
                let trimmed = Self.trimmed(text)
                guard let decimal = DecimalText.parse(trimmed) else {
                    problem(
                        "\(value.name): \"\(trimmed)\" is not a plain decimal number (digits, one optional '.', "
                            + "no exponent or thousands separators)",
                        field: value.field, column: value.column)
                    continue
                }
                number = decimal
            case .other(let found):
                problem("\(value.name): expected a decimal number, found \(found)", field: value.field, column: value.column)
                continue
            }
            if number.isNaN || number < 0 {
                problem(
                    "\(value.name): \(DecimalText.string(number)) must not be negative", field: value.field,
                    column: value.column)
                continue
            }
            if values[value.name] != nil {
                problem("\(value.name): given twice", field: value.field, column: value.column)
                continue
            }
            values[value.name] = number
        }

        // attributes
        var attributeValues: [String: String] = [:]
        for attribute in fields.attributes {
            guard attributes.contains(attribute.name) else {
                problem(
                    "\(attribute.name): unknown attribute (known: \(attributes.sorted().joined(separator: ", ")))",
                    field: attribute.field, column: attribute.text.column)
                continue
            }
            let text = Self.trimmed(attribute.text.text)
            if text.isEmpty { continue }
            if text.count > Self.maximumNameLength {
                problem(
                    "\(attribute.name): \(text.count) characters, at most \(Self.maximumNameLength) allowed",
                    field: attribute.field, column: attribute.text.column, limit: "\(Self.maximumNameLength) characters")
                continue
            }
            attributeValues[attribute.name] = text
        }

        guard problems.isEmpty, let kindText, let id, let name, let period else {
            return Outcome(record: nil, problems: problems, creditCodeProblems: creditCodeProblems)
        }
        let record = SubjectRecord(
            kind: kindText, id: id, name: name, town: town, period: period, values: values, attributes: attributeValues)
        return Outcome(record: record, problems: [], creditCodeProblems: 0)
    }

    /// Why `period` is not `YYYY`, `YYYY-Hn` or `YYYY-Qn` within the accepted years, or `nil` when it is.
    static func periodProblem(_ period: String, currentYear: Int) -> String? {
        let utf8 = Array(period.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let shapeOK: Bool
        switch utf8.count {
        case 4:
            shapeOK = utf8.allSatisfy(isDigit)
        case 7:
            let part = utf8[6]
            shapeOK = utf8[0..<4].allSatisfy(isDigit) && utf8[4] == UInt8(ascii: "-")
                && ((utf8[5] == UInt8(ascii: "H") && (UInt8(ascii: "1")...UInt8(ascii: "2")).contains(part))
                    || (utf8[5] == UInt8(ascii: "Q") && (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(part)))
        default:
            shapeOK = false
        }
        guard shapeOK, let year = Int(period.prefix(4)) else {
            return "\"\(period)\" is not a year (YYYY), half year (YYYY-H1, YYYY-H2) or quarter (YYYY-Q1 … YYYY-Q4)"
        }
        if year > currentYear { return "\(period) is after the current year \(currentYear)" }
        if year < earliestYear { return "\(period) is before \(earliestYear)" }
        return nil
    }

    /// `text` without leading and trailing white space (including the ideographic space).
    static func trimmed(_ text: String) -> String {
        UnicodeWhitespace.trimmingWhitespaceAndNewlines(text)
    }
}
