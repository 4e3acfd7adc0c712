import Foundation

/// One period's data of an innovation subject that is not an enterprise filing (研发机构, 孵化载体, 高校院所,
/// 人才团队, 镇（区） … or an enterprise's extra figures): named indicator values, as a bureau collects them.
///
/// `kind` is a catalog subject kind id; the value names are the scoring inputs of that kind (`StandardInputs` in
/// `Shared/Scoring`), e.g. an incubator's `tenants`, `graduates`, `area`, `nationalEvaluationGrade`. Ingest validates
/// both and rejects anything else with the line and field.
public struct SubjectRecord: Codable, Sendable, Hashable {
    /// Catalog subject kind id, e.g. `incubator`.
    public var kind: String
    /// Subject id: a 统一社会信用代码 where the subject has one, else the bureau's own id.
    public var id: String
    /// Name (Chinese as registered).
    public var name: String
    /// Town or park.
    public var town: String?
    /// The period the values cover, e.g. `2024`.
    public var period: String
    /// Named indicator values, exact.
    public var values: [String: Decimal]
    /// Named text attributes used for cohorts (e.g. `industry`).
    public var attributes: [String: String]

    /// Creates a record.
    public init(
        kind: String, id: String, name: String, town: String? = nil, period: String, values: [String: Decimal],
        attributes: [String: String] = [:]
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.town = town
        self.period = period
        self.values = values
        self.attributes = attributes
    }
}
