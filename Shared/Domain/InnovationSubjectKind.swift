/// A kind of innovation subject the county grades (企业, 研发机构, 孵化载体 …). Configured in the catalog,
/// not hard-coded, because the county's list is not public and may change.
public struct InnovationSubjectKind: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier, e.g. `"enterprise"`.
    public var id: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String

    /// Creates a subject kind.
    public init(id: String, nameZh: String, nameEn: String) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}
