/// The name of a message's type as written in the header (`"type"`), e.g. `ingest.event`,
/// `metric.update`, `ingest.submit`. Receivers use it to choose the body's Codable type.
public struct MessageType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The type name as sent on the wire.
    public let rawValue: String

    /// Creates a message type from its wire name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a message type from its wire name.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a message type from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// Decodes the type from a plain JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.rawValue = try container.decode(String.self)
    }

    /// Encodes the type as a plain JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The wire name.
    public var description: String { rawValue }
}
