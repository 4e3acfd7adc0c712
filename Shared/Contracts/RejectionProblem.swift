/// One precise problem with a submitted document: where it is and what is wrong.
public struct RejectionProblem: Codable, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line (JSON lines, CSV) or row number, when known.
    public var line: Int?
    /// 1-based column (character) within the line, when known.
    public var column: Int?
    /// The field (JSON key or CSV column header) at fault, when known.
    public var field: String?
    /// The limit that was exceeded, e.g. `16777216 bytes`, when one applies.
    public var limit: String?
    /// What is wrong, for people.
    public var message: String

    /// Creates a problem description.
    public init(message: String, line: Int? = nil, column: Int? = nil, field: String? = nil, limit: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        self.limit = limit
    }

    /// `line 3, column 7, field rdExpense: must not be negative`.
    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let column { place.append("column \(column)") }
        if let field { place.append("field \(field)") }
        if let limit { place.append("limit \(limit)") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}
