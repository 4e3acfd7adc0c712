import Contracts

/// What happened to one fed file.
struct FeedOutcome: Sendable {
    /// The outcome's result.
    enum Result: Sendable {
        /// Stored (or recognised as a duplicate).
        case accepted(SubmitAccepted)
        /// Refused by ingest, with its reasons.
        case rejected(SubmitRejected)
        /// Not sent or not answered (unreadable file, unknown kind, timeout).
        case failed(String)
    }

    /// The file.
    var path: String
    /// The kind sent (nil when it could not be determined).
    var kind: DocumentKind?
    /// The result.
    var result: Result
    /// Submissions made (0 when the file was never sent; more than 1 after retries).
    var attempts: Int = 1
    /// The last transient failure before the result, when there were retries.
    var lastRetryReason: String? = nil

    /// Retries made (attempts after the first).
    var retries: Int { max(0, attempts - 1) }

    /// `true` unless ingest accepted it.
    var isFailure: Bool {
        if case .accepted = result { return false }
        return true
    }
}
