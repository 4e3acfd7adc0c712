import Messaging

/// Reply (`ingest.rejected`): nothing was stored. Every problem found is listed (a filing batch with some bad
/// rows is rejected whole, naming each bad row).
public struct SubmitRejected: WireMessage, Hashable, Error, CustomStringConvertible {
    /// Wire type.
    public static let messageType: MessageType = "ingest.rejected"
    /// The kind of failure.
    public var code: RejectionCode
    /// A one-line summary for people.
    public var message: String
    /// Each precise problem (line, column, field, limit), in document order.
    public var problems: [RejectionProblem]

    /// Creates the reply.
    public init(code: RejectionCode, message: String, problems: [RejectionProblem] = []) {
        self.code = code
        self.message = message
        self.problems = problems
    }

    /// Replies travel back on the request socket.
    public var topic: Topic { Topic("ingest").child("rejected") }

    /// `invalid_filing: 2 bad rows (line 3, field rdExpense: …; …)`.
    public var description: String {
        problems.isEmpty
            ? "\(code): \(message)"
            : "\(code): \(message) (" + problems.map(\.description).joined(separator: "; ") + ")"
    }
}
