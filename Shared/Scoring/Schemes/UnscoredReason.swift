import Foundation

/// Why a subject gets no score at all (which is different from a score of zero).
public enum UnscoredReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// None of the scheme's indicators has a value for the subject.
    case noData
    /// The stage decides the weights, and these inputs needed to tell it are missing.
    case stageUnknown(missingInputs: [String])
    /// The subject's inputs fit none of the scheme's stages.
    case noMatchingStage

    /// `no data for any indicator` / `stage unknown: ageYears not reported`.
    public var description: String {
        switch self {
        case .noData: "no data for any indicator"
        case .stageUnknown(let inputs): "stage unknown: \(inputs.joined(separator: ", ")) not reported"
        case .noMatchingStage: "the subject fits none of the scheme's stages"
        }
    }
}
