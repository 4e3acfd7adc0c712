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

    /// The value as money, when the unit is a money unit.
    public var money: Money? { Money(value, unit: unit) }

    /// The value converted to `target` when both are money units (亿元 → 万元), the value itself when the units
    /// are equal, otherwise `nil`.
    public func value(in target: MeasureUnit) -> Decimal? {
        if target == unit { return value }
        guard let yuan = unit.yuanValue(of: value), let factor = target.yuanFactor else { return nil }
        return yuan / factor
    }

    private enum CodingKeys: String, CodingKey {
        case value, unit, qualifier, period, subject, indicatorID, documentID, span, phrase
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
    }

    /// Encodes with `value` as an exact string and `period` written as `null` when absent.
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
    }
}
