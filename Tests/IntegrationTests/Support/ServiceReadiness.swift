import Foundation

/// The readiness line a Kechuang service prints on stderr once its sockets are bound:
/// `{"event":"ready","service":"ingest","pid":4242,"endpoints":{"ingest.pub":"ipc:///…"}}`.
///
/// Mirrors ServiceKit's `ReadinessLine` (the integration test target does not link ServiceKit: it talks to the
/// services only as an outside client would).
struct ServiceReadiness: Decodable, Sendable, Equatable {
    /// Always `ready`.
    let event: String
    /// The service name.
    let service: String
    /// The service's process id.
    let pid: Int32
    /// Bound endpoints by name (`ingest.req` …).
    let endpoints: [String: String]

    /// Parses one stderr line; `nil` unless it is a readiness line.
    static func parse(_ line: String) -> ServiceReadiness? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), trimmed.contains("\"ready\""),
              let decoded = try? JSONDecoder().decode(ServiceReadiness.self, from: Data(trimmed.utf8)),
              decoded.event == "ready"
        else { return nil }
        return decoded
    }

    /// The endpoint called `name`, or a clear error.
    func endpoint(_ name: String) throws -> String {
        guard let endpoint = endpoints[name] else {
            throw ServiceProcessError.missingEndpoint(service: service, name: name, known: endpoints.keys.sorted())
        }
        return endpoint
    }
}
