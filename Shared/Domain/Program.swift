/// A bureau program (e.g. 专项“科技贷”), as listed in the catalog.
public struct Program: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier, lower-case snake case, e.g. `"tech_loan"`.
    public var id: String
    /// Chinese name as the bureau writes it.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The family the program belongs to.
    public var category: ProgramCategory

    /// Creates a program.
    public init(id: String, nameZh: String, nameEn: String, category: ProgramCategory) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.category = category
    }
}
