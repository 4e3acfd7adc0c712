import Foundation
import JSONText
#if canImport(Glibc)
import Glibc
#endif

/// The one line a service writes to stderr when its sockets are bound and its followers have caught up.
///
/// Format (one JSON object, keys in this order, no newline inside):
/// ```
/// {"event":"ready","service":"ingest","pid":4242,"endpoints":{"ingest.pub":"ipc:///…/ingest.pub","ingest.req":"…"}}
/// ```
/// `endpoints` maps endpoint names to the URLs actually bound (keys sorted). Readers (the `kechuang up` supervisor,
/// tests, container health checks) call ``parse(_:)`` on each stderr line; ordinary log lines never parse.
public struct ReadinessLine: Codable, Sendable, Equatable {
    /// The value of `event` on a readiness line.
    public static let readyEvent = "ready"

    /// Always ``readyEvent``.
    public let event: String
    /// Service name, e.g. `ingest`.
    public let service: String
    /// Process id of the service.
    public let pid: Int32
    /// Bound endpoints by name.
    public let endpoints: [String: String]

    /// Creates a readiness line for `service` (pid defaults to this process).
    public init(service: String, pid: Int32 = getpid(), endpoints: [String: String]) {
        self.event = Self.readyEvent
        self.service = service
        self.pid = pid
        self.endpoints = endpoints
    }

    /// The line as written to stderr (without the trailing newline).
    public func render() -> String {
        let endpointFields = endpoints.keys.sorted().compactMap { key in
            endpoints[key].map { JSONText.quote(key) + ":" + JSONText.quote($0) }
        }
        return "{\"event\":\(JSONText.quote(event)),\"service\":\(JSONText.quote(service)),\"pid\":\(pid),"
            + "\"endpoints\":{\(endpointFields.joined(separator: ","))}}"
    }

    /// Parses a stderr line; returns `nil` unless it is a JSON object with `"event":"ready"` and the fields above.
    /// Surrounding whitespace and unknown extra fields are tolerated.
    public static func parse(_ line: String) -> ReadinessLine? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8),
              let decoded = try? JSONDecoder().decode(ReadinessLine.self, from: data),
              decoded.event == readyEvent
        else { return nil }
        return decoded
    }
}
