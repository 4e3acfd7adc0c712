/// What an indicator value covers: the whole county, one town/park, or one program.
/// Written on the wire as `county`, `town:<name>` or `program:<id>`.
public struct MetricScope: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The wire form.
    public let rawValue: String

    /// Wraps a wire form.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The whole county (全市).
    public static let county = MetricScope(rawValue: "county")

    /// One town or park (镇/区).
    public static func town(_ name: String) -> MetricScope { MetricScope(rawValue: "town:" + name) }

    /// One program (catalog program id).
    public static func program(_ id: String) -> MetricScope { MetricScope(rawValue: "program:" + id) }

    /// Decodes the plain string form.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the plain string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Orders by wire form.
    public static func < (lhs: MetricScope, rhs: MetricScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The wire form.
    public var description: String { rawValue }
}
