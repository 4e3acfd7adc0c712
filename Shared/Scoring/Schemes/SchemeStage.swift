import Foundation

/// A development stage of a subject (初创期 / 成长期 / 稳定期), with the conditions that place a subject in it.
///
/// A subject's stage is the first stage, in the scheme's order, whose conditions all hold. A stage without
/// conditions takes every subject that reaches it. When a condition's input is missing the stage cannot be told,
/// and the subject is not scored (``UnscoredReason/stageUnknown(missingInputs:)``) rather than guessed into a
/// later stage.
public struct SchemeStage: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `"startup"`.
    public var id: String
    /// Chinese name, e.g. `初创期`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Conditions on named inputs, all of which must hold (e.g. `ageYears` below 3).
    public var conditions: [StageCondition]

    /// Creates a stage.
    public init(id: String, nameZh: String, nameEn: String, conditions: [StageCondition]) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.conditions = conditions
    }
}
