import Contracts

/// Why a submission was not stored: a typed rejection for the client, or an internal failure.
enum IngestFailure: Error, Sendable {
    /// The document is unacceptable (reply ``Contracts/SubmitRejected``).
    case rejected(SubmitRejected)
    /// Something inside the service failed (reply an `internal` error).
    case internalError(String)
}
