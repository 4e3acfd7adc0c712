/// An award an enterprise reports in its annual filing.
public struct FilingAward: Codable, Sendable, Hashable {
    /// Award name, e.g. `国家科学技术进步奖`.
    public var name: String
    /// Level of the award.
    public var level: RecognitionLevel
    /// Grade, e.g. `二等奖`.
    public var grade: String?
    /// Year the award was granted.
    public var year: Int?

    /// Creates an award record.
    public init(name: String, level: RecognitionLevel, grade: String? = nil, year: Int? = nil) {
        self.name = name
        self.level = level
        self.grade = grade
        self.year = year
    }
}
