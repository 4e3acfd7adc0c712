import Foundation

/// A figure stated in a report ("累计为83家企业提供贷款2.88亿元" → 2.88 亿元, cumulative, loan.granted_amount).
///
/// JSON: `{"value": "2.88", "unit": "亿元", "qualifier": "cumulative", "period": null, "subject": "…",
/// "indicatorID": "loan.granted_amount", "documentID": "…", "span": {"start": 10, "end": 27}, "phrase": "…"}`.
public struct ReportedObservation: Codable, Sendable, Hashable {
    /// The number as printed, exact.
    public var value: Decimal
    /// The unit as printed.
    public var unit: MeasureUnit
    /// How the figure relates to the true value.
    public var qualifier: Qualifier
    /// The period it covers, e.g. `"2024"`, `"2023"`, `"2024-01..2024-11"`; `nil` when the report gives none
    /// (running totals "自成立以来").
    public var period: String?
    /// What the figure counts, in the report's words.
    public var subject: String
    /// The catalog indicator the figure was mapped to, if any.
    public var indicatorID: String?
    /// The document the figure comes from, if known.
    public var documentID: String?
    /// Where the phrase lies in the original text (Unicode-scalar offsets), if known.
    public var span: TextSpan?
    /// The exact phrase of the original text (line breaks included).
    public var phrase: String
    /// How precisely the value is stated (约 → approximate, 10—20家 → range …); `nil` for a plain figure.
    public var bound: ValueBound?
    /// The upper end of a range (`20` in `10—20家`, whose `value` is 10); `nil` unless `bound == .range`.
    public var upperValue: Decimal?
    /// For a growth figure (qualifier `growth_rate`): its basis, direction and the figure it qualifies.
    public var growth: FigureGrowth?
    /// A place in a ranking stated with the figure (`列苏州县（市）第一`), or the rank a rank-only figure states.
    public var rank: FigureRank?
    /// The exact ratio of a figure written as a Chinese fraction (`三分之一`).
    public var fraction: FigureFraction?

    /// Creates an observation.
    public init(
        value: Decimal, unit: MeasureUnit, qualifier: Qualifier = .exact, period: String? = nil,
        subject: String, indicatorID: String? = nil, documentID: String? = nil, span: TextSpan? = nil,
        phrase: String
    ) {
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.period = period
        self.subject = subject
        self.indicatorID = indicatorID
        self.documentID = documentID
        self.span = span
        self.phrase = phrase
    }

    /// Creates an observation with the optional details (bound, range end, growth, rank, fraction).
    public init(
        value: Decimal, unit: MeasureUnit, qualifier: Qualifier = .exact, period: String? = nil,
        subject: String, indicatorID: String? = nil, documentID: String? = nil, span: TextSpan? = nil,
        phrase: String, bound: ValueBound?, upperValue: Decimal? = nil, growth: FigureGrowth? = nil,
        rank: FigureRank? = nil, fraction: FigureFraction? = nil
    ) {
        self.init(
            value: value, unit: unit, qualifier: qualifier, period: period, subject: subject, indicatorID: indicatorID,
            documentID: documentID, span: span, phrase: phrase)
        self.bound = bound
        self.upperValue = upperValue
        self.growth = growth
        self.rank = rank
        self.fraction = fraction
    }

    /// The value as money, when the unit is a money unit.
    public var money: Money? { Money(value, unit: unit) }

    /// The value converted to `target` when both are money units (亿元 → 万元), the value itself when the units
    /// are equal, otherwise `nil`.
    public func value(in target: MeasureUnit) -> Decimal? {
        if target == unit { return value }
        guard let yuan = unit.yuanValue(of: value), let factor = target.yuanFactor else { return nil }
        return yuan.divided(by: factor)
    }

    private enum CodingKeys: String, CodingKey {
        case value, unit, qualifier, period, subject, indicatorID, documentID, span, phrase
        case bound, upperValue, growth, rank, fraction
    }

    /// Decodes; `value` may be a string (exact) or a number, `unit` is parsed tolerantly (`％`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try DecimalText.decode(from: c, forKey: .value)
        let symbol = try c.decode(String.self, forKey: .unit)
        guard let unit = MeasureUnit(symbol: symbol) else {
            throw DecodingError.dataCorruptedError(forKey: .unit, in: c, debugDescription: "unknown unit \"\(symbol)\"")
        }
        self.unit = unit
        qualifier = try c.decodeIfPresent(Qualifier.self, forKey: .qualifier) ?? .exact
        period = try c.decodeIfPresent(String.self, forKey: .period)
        subject = try c.decode(String.self, forKey: .subject)
        indicatorID = try c.decodeIfPresent(String.self, forKey: .indicatorID)
        documentID = try c.decodeIfPresent(String.self, forKey: .documentID)
        span = try c.decodeIfPresent(TextSpan.self, forKey: .span)
        phrase = try c.decode(String.self, forKey: .phrase)
        // Optional details (protocol 1.1); absent in older messages. An unknown bound is dropped, not an error.
        bound = try c.decodeIfPresent(String.self, forKey: .bound).flatMap(ValueBound.init(rawValue:))
        upperValue = try DecimalText.decodeIfPresent(from: c, forKey: .upperValue)
        growth = try c.decodeIfPresent(FigureGrowth.self, forKey: .growth)
        rank = try c.decodeIfPresent(FigureRank.self, forKey: .rank)
        fraction = try c.decodeIfPresent(FigureFraction.self, forKey: .fraction)
    }

    /// Encodes with `value` as an exact string and `period` written as `null` when absent; the optional details
    /// (`bound`, `upperValue`, `growth`, `rank`, `fraction`) only when present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(DecimalText.string(value), forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(qualifier, forKey: .qualifier)
        try c.encode(period, forKey: .period)
        try c.encode(subject, forKey: .subject)
        try c.encodeIfPresent(indicatorID, forKey: .indicatorID)
        try c.encodeIfPresent(documentID, forKey: .documentID)
        try c.encodeIfPresent(span, forKey: .span)
        try c.encode(phrase, forKey: .phrase)
        try c.encodeIfPresent(bound, forKey: .bound)
        try c.encodeIfPresent(upperValue.map(DecimalText.string), forKey: .upperValue)
        try c.encodeIfPresent(growth, forKey: .growth)
        try c.encodeIfPresent(rank, forKey: .rank)
        try c.encodeIfPresent(fraction, forKey: .fraction)
    }
}
