import Foundation
import Logging

/// A swift-log backend writing one structured line per record (see ``LogLineFormatter``) to a ``LogLineSink``.
public struct StructuredLogHandler: LogHandler {
    /// Records below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata attached to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    /// The logger label.
    public let label: String
    private let formatter: LogLineFormatter
    private let sink: any LogLineSink

    /// Creates a handler.
    public init(label: String, service: String, level: Logger.Level, format: LogFormat, sink: any LogLineSink) {
        self.label = label
        self.logLevel = level
        self.formatter = LogLineFormatter(format: format, service: service)
        self.sink = sink
    }

    /// Metadata lookup by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats and writes one record (record metadata overrides handler metadata).
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata {
            merged.merge(extra) { _, new in new }
        }
        sink.write(line: formatter.format(
            timestamp: Date(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }
}
