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

    /// `slice` as a string. Encodes the UTF-8 itself: appending the scalars to a `String.UnicodeScalarView` (the
    /// readable way, ``referenceString(_:)``) took 8 % of extracting a 1 MiB report for the per-figure clause texts
    /// (perf, 2026-12-01); this takes about a fifth of that. `NormalizedTextTests` compares the two.
    static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        guard !slice.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: slice.count * 4) { buffer in
            var count = 0
            for scalar in slice {
                let value = scalar.value
                if value < 0x80 {
                    buffer[count] = UInt8(truncatingIfNeeded: value)
                    count += 1
                } else if value < 0x800 {
                    buffer[count] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
                    buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                    count += 2
                } else if value < 0x10000 {
                    buffer[count] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
                    buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
                    buffer[count + 2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                    count += 3
                } else {
                    buffer[count] = UInt8(truncatingIfNeeded: 0xF0 | (value >> 18))
                    buffer[count + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F))
                    buffer[count + 2] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
                    buffer[count + 3] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                    count += 4
                }
            }
            return count
        }
    }

    /// `slice` as a string, the readable way (the reference ``string(_:)`` is tested against).
    static func referenceString(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}
