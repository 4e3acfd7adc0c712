import Contracts

/// Builds the rejection for a batch with bad rows: every problem listed, the code chosen from what they are.
enum ProblemList {
    /// At most this many problems are listed in one rejection (the message still gives the total).
    static let maximumListed = 1000

    /// The rejection for `problems` found in a batch of `kind` (`filing` rows, `event` lines or `subject` records): `invalid_credit_code`
    /// when every problem is about a credit code, otherwise `fallback`.
    static func rejection(
        _ problems: [RejectionProblem], records: Int, noun: String, fallback: RejectionCode
    ) -> SubmitRejected {
        let badLines = Set(problems.map { $0.line ?? 0 }).count
        let allCreditCodes = problems.allSatisfy { $0.field == "creditCode" }
        let code: RejectionCode = allCreditCodes ? .invalidCreditCode : fallback
        var listed = Array(problems.prefix(maximumListed))
        if problems.count > maximumListed {
            listed.append(RejectionProblem(message: "… and \(problems.count - maximumListed) more problems"))
        }
        let message = "\(badLines) of \(records) \(noun)\(records == 1 ? "" : "s") invalid "
            + "(\(problems.count) problem\(problems.count == 1 ? "" : "s")); nothing was imported"
        return SubmitRejected(code: code, message: message, problems: listed)
    }
}
