import Domain
import Foundation
import Scoring

/// Subject records as CSV for ingest (document kind `subjects`): the header `kind,id,name,town,period`, then one
/// column per scoring input of the kinds written (`StandardInputs`, kind by kind, each name once), then the
/// `industry` attribute; a record leaves the columns of other kinds empty (empty = not reported). Numbers are
/// exact plain decimals; cells with commas, quotes or line breaks are quoted (RFC 4180).
enum SampleSubjectCSV {
    /// The fixed leading columns.
    static let fixedColumns = ["kind", "id", "name", "town", "period"]
    /// The attribute columns after the values.
    static let attributeColumns = ["industry"]

    /// The value columns for records of `kinds`, in `StandardInputs` order, each name once.
    static func valueColumns(for kinds: [String]) -> [String] {
        var seen = Set<String>()
        var columns: [String] = []
        for kind in kinds {
            for input in StandardInputs.byKind[kind] ?? [] where seen.insert(input.name).inserted {
                columns.append(input.name)
            }
        }
        return columns
    }

    /// The CSV text (header, one row per record, trailing newline).
    static func render(_ records: [SubjectRecord]) -> String {
        var kinds: [String] = []
        for record in records where !kinds.contains(record.kind) { kinds.append(record.kind) }
        let values = valueColumns(for: kinds)
        var lines = [(fixedColumns + values + attributeColumns).joined(separator: ",")]
        for record in records {
            var cells = [record.kind, record.id, record.name, record.town ?? "", record.period]
            cells += values.map { name in record.values[name].map(DecimalText.string) ?? "" }
            cells += attributeColumns.map { record.attributes[$0] ?? "" }
            lines.append(cells.map(SampleFilingCSV.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
