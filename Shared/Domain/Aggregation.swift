/// How an indicator's value accumulates over time.
///
/// JSON: the strings `"annual"`, `"yearToDate"`, `"pointInTime"`, `"cumulative"`, or for a running total with a
/// known start `{"type": "cumulative", "since": "2015-01-01"}`.
public enum Aggregation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The total over one calendar year (e.g. projects signed in 2024).
    case annual
    /// The total from 1 January up to the reporting date (e.g. 1–11 月).
    case yearToDate
    /// A running total since a start date (or since the program began when `since` is `nil`).
    case cumulative(since: LocalDate?)
    /// A level at one moment (e.g. pool size, effective high-tech enterprises).
    case pointInTime

    private enum CodingKeys: String, CodingKey {
        case type, since
    }

    /// Decodes from a string or a `{"type", "since"}` object.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            guard let value = Aggregation(name: name, since: nil) else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown aggregation \"\(name)\"")
            }
            self = value
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .type)
        let since = try container.decodeIfPresent(LocalDate.self, forKey: .since)
        guard let value = Aggregation(name: name, since: since) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown aggregation \"\(name)\"")
        }
        self = value
    }

    /// Encodes as a plain string, or as an object for a cumulative total with a start date.
    public func encode(to encoder: any Encoder) throws {
        if case .cumulative(let since?) = self {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("cumulative", forKey: .type)
            try container.encode(since, forKey: .since)
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }
    }

    private init?(name: String, since: LocalDate?) {
        switch name {
        case "annual": self = .annual
        case "yearToDate": self = .yearToDate
        case "pointInTime": self = .pointInTime
        case "cumulative": self = .cumulative(since: since)
        default: return nil
        }
    }

    /// The JSON name of the case.
    public var name: String {
        switch self {
        case .annual: "annual"
        case .yearToDate: "yearToDate"
        case .cumulative: "cumulative"
        case .pointInTime: "pointInTime"
        }
    }

    /// Chinese label used in documentation and user-facing text.
    public var nameZh: String {
        switch self {
        case .annual: "年度"
        case .yearToDate: "年内累计"
        case .cumulative(let since?): "自\(since)起累计"
        case .cumulative(nil): "累计"
        case .pointInTime: "时点"
        }
    }

    /// `name`, plus the start date for a dated cumulative total.
    public var description: String {
        if case .cumulative(let since?) = self { return "cumulative since \(since)" }
        return name
    }
}
