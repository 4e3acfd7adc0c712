/// Failures of the stream mechanism.
public enum StreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A request named another stream.
    case wrongStream(expected: String, actual: String)
    /// The owner can no longer supply the entries after `after` (history pruned); a snapshot is needed.
    case historyUnavailable(stream: String, after: UInt64)

    /// Explanation naming the stream and sequence.
    public var description: String {
        switch self {
        case let .wrongStream(expected, actual):
            "request for stream \"\(actual)\" sent to the owner of stream \"\(expected)\""
        case let .historyUnavailable(stream, after):
            "stream \"\(stream)\" can no longer replay entries after sequence \(after); load a snapshot"
        }
    }
}
