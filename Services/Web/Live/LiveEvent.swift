/// One Server-Sent Event: a name and one line of JSON data.
public struct LiveEvent: Sendable, Hashable {
    /// Event name: `metric`, `counts` or `subject`.
    public var name: String
    /// JSON text on one line.
    public var data: String

    /// Creates an event.
    public init(name: String, data: String) {
        self.name = name
        self.data = data
    }

    /// The event as written on the wire.
    public var chunk: String {
        "event: \(name)\ndata: \(data.replacingOccurrences(of: "\n", with: " "))\n\n"
    }
}
