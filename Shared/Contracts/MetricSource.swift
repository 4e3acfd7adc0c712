/// Where an indicator value comes from. Reported and computed values are kept side by side.
public enum MetricSource: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A figure extracted from a report (value, qualifier, document, phrase).
    case reported
    /// Derived from filings and program events.
    case computed

    /// The source as written on the wire.
    public var description: String { rawValue }

    /// The Chinese label shown to users.
    public var nameZh: String {
        switch self {
        case .reported: "报告"
        case .computed: "计算"
        }
    }
}
