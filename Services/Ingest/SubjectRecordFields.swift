import Contracts
import Foundation

/// One subject record as read from its document (a CSV row or a JSON object), before validation: each field's
/// text and where it was found, so ``SubjectRecordRules`` can name the line, column and field of every problem.
struct SubjectRecordFields: Sendable {
    /// One text field (`kind`, `id`, `name`, `town`, `period`) or attribute as written.
    struct Text: Sendable, Hashable {
        /// The text, untrimmed.
        var text: String
        /// 1-based column of the CSV cell (JSON: where the object starts).
        var column: Int?
    }

    /// One named indicator value as written.
    struct Value: Sendable, Hashable {
        /// What the document holds.
        enum Content: Sendable, Hashable {
            /// A CSV cell or a JSON string: must read as a plain decimal number (empty: not reported).
            case text(String)
            /// A JSON number, exact.
            case number(Decimal)
            /// A JSON value of another type, described (`true`, `an object` …).
            case other(String)
        }

        /// The indicator name (a CSV header or a key of `values`).
        var name: String
        /// The field named in problems: the CSV header, or `values.<name>` in JSON.
        var field: String
        /// The value.
        var content: Content
        /// 1-based column of the CSV cell (JSON: where the object starts).
        var column: Int?
    }

    /// One text attribute (`industry` …) as written.
    struct Attribute: Sendable, Hashable {
        /// The attribute name.
        var name: String
        /// The field named in problems: the CSV header, or `attributes.<name>` in JSON.
        var field: String
        /// The text.
        var text: Text
    }

    /// 1-based line where the record starts.
    var line: Int
    /// 1-based record number within the document.
    var index: Int
    /// Where the record starts (JSON: the object's column; CSV: column 1).
    var column: Int?
    /// `kind`, or `nil` when absent.
    var kind: Text?
    /// `id`, or `nil` when absent.
    var id: Text?
    /// `name`, or `nil` when absent.
    var name: Text?
    /// `town`, or `nil` when absent.
    var town: Text?
    /// `period`, or `nil` when absent.
    var period: Text?
    /// The indicator values in document order (CSV: every non-fixed column that is not an attribute).
    var values: [Value] = []
    /// The text attributes in document order.
    var attributes: [Attribute] = []
    /// Problems found while reading the record's shape (a field of the wrong JSON type, an unknown key).
    var problems: [RejectionProblem] = []
}
