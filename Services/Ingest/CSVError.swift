/// CSV text that cannot be parsed, with where the problem is.
struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    var message: String
    /// Where (1-based line and column).
    var position: TextPosition

    /// `line 4, column 9: unterminated quoted field`.
    var description: String { "\(position): \(message)" }
}
