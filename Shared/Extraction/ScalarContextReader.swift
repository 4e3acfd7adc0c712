import Domain

/// The fast ``FigureContextReader``: clause texts are slices of the normalised scalars, read by the scalar twins
/// of ``SubjectReader`` and ``QualifierDetector`` — no `String` per clause, no grapheme breaking, no Foundation
/// search. Only for documents whose normalised scalars are all ``ScalarText/isStandalone(_:)`` (there it answers
/// exactly as ``StringContextReader``; `ScalarPathTests` and the golden files check it).
struct ScalarContextReader: FigureContextReader {
    let normalized: NormalizedText
    let subjects: SubjectReader
    let qualifiers: QualifierDetector

    /// Whether `text` can be read on this path.
    static func accepts(_ text: NormalizedText) -> Bool {
        text.scalars.allSatisfy(ScalarText.isStandalone)
    }

    func text(_ range: Range<Int>) -> ScalarText.Slice {
        normalized.scalars[range.clamped(to: 0..<normalized.scalars.count)]
    }

    func noun(after start: Int, until end: Int) -> (noun: String, end: Int) {
        guard start < end else { return ("", start) }
        return subjects.nounAfterUnit(scalars: normalized.scalars[start..<end])
    }

    func qualifier(before: ScalarText.Slice, sentence: ScalarText.Slice, hasAtLeastSuffix: Bool, sinceSpan: Bool) -> Qualifier {
        qualifiers.qualifier(scalarsBefore: before, sentence: sentence, hasAtLeastSuffix: hasAtLeastSuffix, sinceSpan: sinceSpan)
    }

    func bound(before: ScalarText.Slice, figure: ScannedFigure) -> ValueBound? {
        qualifiers.bound(scalarsBefore: before, figure: figure)
    }

    func growth(before: ScalarText.Slice) -> FigureGrowth {
        qualifiers.growth(scalarsBefore: before)
    }

    func subject(before: ScalarText.Slice, after: String) -> String {
        subjects.subject(scalarsBefore: before, after: after)
    }

    func leadingCue(_ before: ScalarText.Slice) -> String {
        subjects.leadingCue(scalars: before)
    }

    func headNoun(_ range: Range<Int>) -> String {
        subjects.headNoun(scalars: text(range))
    }
}
