/// A mention of the reporting period in report text: `2024年`, `2023年度`, `2024年1-11月`, `自成立以来`.
struct PeriodMention: Sendable, Equatable {
    /// How far a mention reaches.
    enum Scope: Sendable, Equatable {
        /// Embedded in a clause (`2023年度省科学技术奖获评7项`): that clause only.
        case clause
        /// A leading clause of its own that opens a span without a year (`自成立以来，…`): to the sentence end.
        case sentence
        /// A leading clause of its own (`2024年，…`, `2024年1-11月，…`): to the paragraph end.
        case paragraph
    }

    /// Normalised range of the mention.
    var range: Range<Int>
    /// The year (`"2024"`), or `nil` for a span since an event (`自成立以来`, `2015年以来`) or a part of the
    /// report's year named without one (`上半年`; then `isSince` is false and the report's year applies).
    var period: String?
    /// A month range or month within the year (`"1-11月"`), if stated.
    var months: String?
    /// Whether the mention opens a running total (`以来`); such a span always reaches its sentence end.
    var isSince: Bool
    /// Reach of the mention.
    var scope: Scope

    /// Whether the mention applies at normalised offset `position` (after the mention) of `scalars`.
    func covers(_ position: Int, in scalars: [Unicode.Scalar]) -> Bool {
        guard range.upperBound <= position else { return false }
        let between = scalars[range.upperBound..<position]
        switch scope {
        case .clause: return !between.contains(where: ScalarClass.endsClause)
        case .sentence: return !between.contains(where: ScalarClass.endsSentence)
        case .paragraph: return !between.contains("\n")
        }
    }
}
