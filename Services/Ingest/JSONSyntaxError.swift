/// JSON text that is not well-formed, with where the problem is.
struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    var message: String
    /// Where (1-based line and column in the whole document).
    var position: TextPosition

    /// `line 2, column 14: expected ',' or '}' after an object member`.
    var description: String { "\(position): \(message)" }
}
