import Domain

/// The reference ``FigureContextReader``: clause texts as `String`s read by ``SubjectReader`` and
/// ``QualifierDetector`` (character semantics, canonical equivalence). Used for documents with scalars outside
/// ``ScalarText/isStandalone(_:)`` and by the tests that hold ``ScalarContextReader`` to it.
struct StringContextReader: FigureContextReader {
    let normalized: NormalizedText
    let subjects: SubjectReader
    let qualifiers: QualifierDetector

    func text(_ range: Range<Int>) -> String {
        normalized.text(in: range)
    }

    func noun(after start: Int, until end: Int) -> (noun: String, end: Int) {
        guard start < end else { return ("", start) }
        let text = NormalizedText.string(normalized.scalars[start..<end])
        let noun = subjects.nounAfterUnit(Substring(text))
        guard !noun.isEmpty, let range = text.range(of: noun) else { return ("", start) }
        let consumed = text[..<range.upperBound].unicodeScalars.count
        return (noun, start + consumed)
    }

    func qualifier(before: String, sentence: String, hasAtLeastSuffix: Bool, sinceSpan: Bool) -> Qualifier {
        qualifiers.qualifier(before: before, sentence: sentence, hasAtLeastSuffix: hasAtLeastSuffix, sinceSpan: sinceSpan)
    }

    func bound(before: String, figure: ScannedFigure) -> ValueBound? {
        qualifiers.bound(before: before, figure: figure)
    }

    func growth(before: String) -> FigureGrowth {
        qualifiers.growth(before: before)
    }

    func subject(before: String, after: String) -> String {
        subjects.subject(before: before, after: after)
    }

    func leadingCue(_ before: String) -> String {
        subjects.leadingCue(before)
    }

    func headNoun(_ range: Range<Int>) -> String {
        subjects.headNoun(of: normalized.text(in: range))
    }
}
