import Synchronization

/// Writes a service's ``ReadinessLine`` exactly once, flushed immediately.
public final class ReadinessAnnouncer: Sendable {
    private let sink: any LogLineSink
    private let announced = Mutex(false)

    /// Creates an announcer writing to `sink` (stderr by default).
    public init(sink: any LogLineSink = StandardErrorSink.shared) {
        self.sink = sink
    }

    /// Writes `line` if nothing was announced yet.
    /// - Returns: `true` if this call wrote the line, `false` if readiness had already been announced.
    @discardableResult
    public func announce(_ line: ReadinessLine) -> Bool {
        let first = announced.withLock { announced -> Bool in
            defer { announced = true }
            return !announced
        }
        if first {
            sink.write(line: line.render())
        }
        return first
    }

    /// Whether readiness has been announced.
    public var hasAnnounced: Bool {
        announced.withLock { $0 }
    }
}
