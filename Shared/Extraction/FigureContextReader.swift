import Domain

/// How ``ReportReader`` reads the words around a figure: its clause text, the noun after its unit, its qualifier,
/// bound and growth, its subject and the head noun of a clause. Two implementations give the same answers:
/// ``StringContextReader`` (the reference: the rules as written on `String`s, in ``SubjectReader`` and
/// ``QualifierDetector``) and ``ScalarContextReader`` (the same rules on slices of the normalised scalars, for
/// documents where that is provably the same, ``ScalarText/isStandalone(_:)``).
protocol FigureContextReader {
    /// A piece of normalised text as this reader holds it.
    associatedtype Text

    /// The normalised text in `range`.
    func text(_ range: Range<Int>) -> Text
    /// The noun after a unit (`83家企业` → `企业`) in `start..<end` and where it ends (`start` when none).
    func noun(after start: Int, until end: Int) -> (noun: String, end: Int)
    /// The figure's qualifier from its clause and sentence text before the number.
    func qualifier(before: Text, sentence: Text, hasAtLeastSuffix: Bool, sinceSpan: Bool) -> Qualifier
    /// The bound the cues before the figure state.
    func bound(before: Text, figure: ScannedFigure) -> ValueBound?
    /// The growth basis and direction the cues before a growth figure state.
    func growth(before: Text) -> FigureGrowth
    /// The subject phrase from the text before the number and the noun after the unit.
    func subject(before: Text, after: String) -> String
    /// The cue word an elliptical clause starts with (`累计13家` → `累计`).
    func leadingCue(_ before: Text) -> String
    /// The head noun of the clause text in `range`.
    func headNoun(_ range: Range<Int>) -> String
}
