/// What an indicator value covers: the whole county, one town/park, one program, the subjects scored under one
/// scoring scheme, or those of them with one grade.
/// Written on the wire as `county`, `town:<name>`, `program:<id>`, `scheme:<scheme id>` or
/// `scheme:<scheme id>/grade:<grade id>`.
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

    /// The subjects scored under one scoring scheme (`scheme:<scheme id>`).
    public static func scheme(_ id: String) -> MetricScope { MetricScope(rawValue: "scheme:" + id) }

    /// The subjects with grade `grade` under scoring scheme `scheme` (`scheme:<scheme id>/grade:<grade id>`).
    public static func grade(_ grade: String, scheme: String) -> MetricScope {
        MetricScope(rawValue: "scheme:" + scheme + "/grade:" + grade)
    }

    /// The scheme id and grade id of a `scheme:` scope (grade `nil` for a whole scheme), or `nil` for another scope.
    public var schemeAndGrade: (scheme: String, grade: String?)? {
        guard rawValue.hasPrefix("scheme:") else { return nil }
        let rest = rawValue.dropFirst("scheme:".count)
        guard let marker = rest.range(of: "/grade:") else { return (String(rest), nil) }
        return (String(rest[..<marker.lowerBound]), String(rest[marker.upperBound...]))
    }

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
