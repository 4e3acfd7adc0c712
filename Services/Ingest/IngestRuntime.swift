import Logging
import ServiceKit
import ServiceLifecycle
import ZeroMQ

/// A built ingest service: its long-running parts in start order (shut down in reverse) and what to announce.
struct IngestRuntime: Sendable {
    /// Socket loop keeper, stream owner, request server — in this order, so a graceful shutdown first stops taking
    /// submissions (finishing those in flight), then publishes the committed tail, then closes the sockets.
    let services: [any Service]
    /// The readiness line (endpoints as bound).
    let readiness: ReadinessLine
    /// The stream owner (tests read `lastPublished`).
    let streamOwner: StreamOwnerService
    /// The database.
    let store: IngestStore

    /// Writes the readiness line on stderr.
    func announceReadiness() {
        ReadinessAnnouncer().announce(readiness)
    }
}
