/// Report text after normalisation (lines broken mid-phrase joined, doubled headings and page furniture
/// dropped), with a map from every normalised position back to the original text.
///
/// All positions are **Unicode scalar offsets** (`String.unicodeScalars` indices counted from 0), both in the
/// normalised and in the original text. A CJK character, a full-width sign and an ASCII character are each one
/// scalar; a `\r\n` pair counts as two. Python's `str` indices and Rust's `chars()` count the same way.
public struct NormalizedText: Sendable, Equatable {
    /// The original text, as Unicode scalars.
    public let original: [Unicode.Scalar]
    /// The normalised text, as Unicode scalars. Paragraph breaks are single `\n` scalars.
    public let scalars: [Unicode.Scalar]
    /// For each normalised scalar, the offset of the original scalar it came from.
    public let origins: [Int]
    /// For each normalised scalar, whether it belongs to a heading (kept once, never read for figures).
    public let isHeading: [Bool]

    /// Creates normalised text; the three per-scalar arrays must have equal length.
    public init(original: [Unicode.Scalar], scalars: [Unicode.Scalar], origins: [Int], isHeading: [Bool]) {
        precondition(scalars.count == origins.count && scalars.count == isHeading.count)
        self.original = original
        self.scalars = scalars
        self.origins = origins
        self.isHeading = isHeading
    }

    /// The normalised text as a string.
    public var text: String {
        NormalizedText.string(scalars[...])
    }

    /// The normalised text in `range` (normalised offsets) as a string.
    public func text(in range: Range<Int>) -> String {
        NormalizedText.string(scalars[range.clamped(to: 0..<scalars.count)])
    }

    /// The original-text range covering the normalised `range`: from the origin of its first scalar to just
    /// past the origin of its last one (so line breaks and page furniture joined over are included).
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        let range = range.clamped(to: 0..<origins.count)
        guard let first = range.first, let last = range.last else {
            let at = range.lowerBound < origins.count ? origins[range.lowerBound] : original.count
            return at..<at
        }
        return origins[first]..<(origins[last] + 1)
    }

    /// The original text in `range` (original scalar offsets) as a string.
    public func originalText(in range: Range<Int>) -> String {
        NormalizedText.string(original[range.clamped(to: 0..<original.count)])
    }

    static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}
