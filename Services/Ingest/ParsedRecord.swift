/// One record of a batch document after parsing and validation.
struct ParsedRecord<Value: Sendable & Hashable>: Sendable, Hashable {
    /// 1-based position of the record in its document (row for filings, entry for events).
    var index: Int
    /// 1-based line where the record starts.
    var line: Int
    /// The validated value.
    var value: Value
}
