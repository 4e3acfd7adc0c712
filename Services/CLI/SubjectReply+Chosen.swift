import Contracts

extension SubjectReply {
    /// Throws ``CLIError/notFound(_:)`` unless the query picked one subject: nothing matched, or several did.
    func requireSubject(query: String) throws {
        guard subject == nil else { return }
        throw CLIError.notFound(matches.isEmpty
            ? "no subject matches \"\(query)\""
            : "\(matches.count) subjects match \"\(query)\": give a credit code or a longer name")
    }
}
