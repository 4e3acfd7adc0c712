/// A range of a source text, as offsets in Unicode scalars (code points) from the start: `start` inclusive,
/// `end` exclusive. Scalars, not bytes or UTF-16 units, so Chinese text counts one per character.
public struct TextSpan: Codable, Sendable, Hashable, Comparable {
    /// Offset of the first scalar.
    public var start: Int
    /// Offset one past the last scalar.
    public var end: Int

    /// Creates a span; `end` is clamped to be at least `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The number of scalars covered.
    public var length: Int { end - start }

    /// The covered text of `source`, or `nil` when the span lies outside it.
    public func text(in source: String) -> String? {
        let scalars = source.unicodeScalars
        guard start >= 0, end <= scalars.count else { return nil }
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: length)
        return String(scalars[from..<to])
    }

    /// Orders by start, then end.
    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
