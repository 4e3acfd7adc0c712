/// Who a ``ProgramEvent`` is about: an enterprise (or other subject) by credit code and/or name.
/// At least one of the two is present. In event JSON the fields are flattened as `creditCode` and `subjectName`.
public struct EventSubject: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The subject's 统一社会信用代码, when it has one.
    public var creditCode: UnifiedSocialCreditCode?
    /// The subject's name (enterprise, university, team…).
    public var name: String?

    /// A subject known by credit code and optionally name.
    public init(creditCode: UnifiedSocialCreditCode, name: String? = nil) {
        self.creditCode = creditCode
        self.name = name
    }

    /// A subject known by name only (a university, a team, a subject without a code).
    public init(name: String) {
        self.creditCode = nil
        self.name = name
    }

    /// The name, else the credit code.
    public var description: String {
        name ?? creditCode?.rawValue ?? "?"
    }
}
