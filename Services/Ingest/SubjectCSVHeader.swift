import Contracts

/// The header row of a subject-record CSV, resolved once per document.
///
/// The fixed columns `kind,id,name,town,period` (any order; `town` optional) come first by convention, then one
/// column per indicator value name (`tenants,graduates,area,…`: the scoring inputs of the kinds in the file) and
/// optionally attribute columns (`industry`). A file may mix kinds: a row leaves the columns of other kinds empty.
/// Repeated, empty or missing fixed columns make the CSV malformed; a column that is no kind's scoring input is an
/// unknown indicator, reported with its column and skipped in the rows.
struct SubjectCSVHeader {
    /// The fixed text columns.
    static let fixedColumns = ["kind", "id", "name", "town", "period"]
    /// The fixed columns that must be present.
    static let requiredColumns = ["kind", "id", "name", "period"]

    /// Index of each fixed column present.
    let fixed: [String: Int]
    /// Indicator value columns: index and name.
    let values: [(index: Int, name: String)]
    /// Attribute columns: index and name.
    let attributes: [(index: Int, name: String)]
    /// The number of columns.
    let count: Int
    /// Unknown indicator columns (an `invalid_subject` problem each).
    let unknownColumns: [RejectionProblem]

    /// Resolves `record` (the header row), or returns the `malformed_csv` rejection naming every header problem.
    static func resolve(
        _ record: CSVParser.Record, rules: SubjectRecordRules
    ) -> Result<SubjectCSVHeader, SubmitRejected> {
        let names = record.fields.map(SubjectRecordRules.trimmed)
        var malformed: [RejectionProblem] = []
        var unknown: [RejectionProblem] = []
        var fixed: [String: Int] = [:]
        var values: [(index: Int, name: String)] = []
        var attributes: [(index: Int, name: String)] = []
        var seen: Set<String> = []
        let known = rules.allValueNames
        for (index, name) in names.enumerated() {
            let column = record.columns[index]
            guard !name.isEmpty else {
                malformed.append(RejectionProblem(
                    message: "column \(index + 1) has no name", line: record.line, column: column))
                continue
            }
            guard seen.insert(name).inserted else {
                malformed.append(RejectionProblem(
                    message: "column \"\(name)\" appears twice", line: record.line, column: column, field: name))
                continue
            }
            if fixedColumns.contains(name) {
                fixed[name] = index
            } else if rules.attributes.contains(name) {
                attributes.append((index, name))
            } else {
                values.append((index, name))
                if !known.contains(name) {
                    unknown.append(RejectionProblem(
                        message: "\(name): unknown indicator column: not a scoring input of any subject kind "
                            + "(nor an attribute: \(rules.attributes.sorted().joined(separator: ", ")))",
                        line: record.line, column: column, field: name))
                }
            }
        }
        for name in requiredColumns where fixed[name] == nil {
            malformed.append(RejectionProblem(
                message: "the header lacks the column \"\(name)\" (subject records start with "
                    + fixedColumns.joined(separator: ",") + ")",
                line: record.line, field: name))
        }
        if !malformed.isEmpty {
            return .failure(SubmitRejected(
                code: .malformedCSV, message: "bad CSV header row: \(malformed.count) problem(s)", problems: malformed))
        }
        let unknownNames = Set(unknown.compactMap(\.field))
        return .success(SubjectCSVHeader(
            fixed: fixed, values: values.filter { !unknownNames.contains($0.name) }, attributes: attributes,
            count: names.count, unknownColumns: unknown))
    }

    /// The fields of data row `record`, record number `index` (its field count already checked).
    func fields(_ record: CSVParser.Record, index: Int) -> SubjectRecordFields {
        var fields = SubjectRecordFields(line: record.line, index: index, column: record.columns.first)
        func text(_ name: String) -> SubjectRecordFields.Text? {
            fixed[name].map { SubjectRecordFields.Text(text: record.fields[$0], column: record.columns[$0]) }
        }
        fields.kind = text("kind")
        fields.id = text("id")
        fields.name = text("name")
        fields.town = text("town")
        fields.period = text("period")
        fields.values = values.map { column in
            SubjectRecordFields.Value(
                name: column.name, field: column.name, content: .text(record.fields[column.index]),
                column: record.columns[column.index])
        }
        fields.attributes = attributes.map { column in
            SubjectRecordFields.Attribute(
                name: column.name, field: column.name,
                text: SubjectRecordFields.Text(text: record.fields[column.index], column: record.columns[column.index]))
        }
        return fields
    }
}
