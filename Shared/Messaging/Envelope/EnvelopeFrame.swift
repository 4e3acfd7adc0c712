/// Names the three frames of an envelope, for error reports.
public enum EnvelopeFrame: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Frame 0, the topic.
    case topic
    /// Frame 1, the JSON header.
    case header
    /// Frame 2, the JSON body.
    case body

    /// The frame's name.
    public var description: String { rawValue }
}
