import Domain
import Foundation

/// What a scheme may refer to: the catalog's subject kinds, the input names per kind and the text attributes
/// usable as cohort dimensions. The loader rejects any other name.
public struct SchemeVocabulary: Sendable, Hashable {
    /// The subject kinds (from the catalog).
    public var subjectKinds: [InnovationSubjectKind]
    /// Input names per subject-kind id.
    public var inputs: [String: [ScoringInput]]
    /// Text attributes usable as cohort dimensions (e.g. `industry`, `town`).
    public var attributes: [String]

    /// Creates a vocabulary.
    public init(subjectKinds: [InnovationSubjectKind], inputs: [String: [ScoringInput]], attributes: [String]) {
        self.subjectKinds = subjectKinds
        self.inputs = inputs
        self.attributes = attributes
    }

    /// The catalog's subject kinds with ``StandardInputs``.
    public static func standard(catalog: Catalog) -> SchemeVocabulary {
        SchemeVocabulary(
            subjectKinds: catalog.subjectKinds, inputs: StandardInputs.byKind, attributes: StandardInputs.attributes)
    }

    /// The subject kind with id `id`, or `nil`.
    public func subjectKind(_ id: String) -> InnovationSubjectKind? {
        subjectKinds.first { $0.id == id }
    }

    /// Whether subjects of kind `kind` provide an input named `name`.
    public func knows(input name: String, kind: String) -> Bool {
        inputs[kind]?.contains { $0.name == name } ?? false
    }
}
