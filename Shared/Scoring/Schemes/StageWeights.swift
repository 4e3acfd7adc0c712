import Foundation

/// A weight (maximum points) per stage, or one weight for every stage.
public struct StageWeights: Sendable, Hashable {
    /// The weight for every stage, when not given per stage.
    public var uniform: Decimal?
    /// The weight per stage id, when given per stage (validated to name every stage of the scheme).
    public var perStage: [String: Decimal]

    /// One weight for every stage.
    public init(uniform: Decimal) {
        self.uniform = uniform
        self.perStage = [:]
    }

    /// A weight per stage id.
    public init(perStage: [String: Decimal]) {
        self.uniform = nil
        self.perStage = perStage
    }

    /// The weight in stage `stageID` (`nil` for a scheme without stages); 0 for a stage the weights do not name.
    public func weight(in stageID: String?) -> Decimal {
        if let uniform { return uniform }
        guard let stageID else { return 0 }
        return perStage[stageID] ?? 0
    }
}
