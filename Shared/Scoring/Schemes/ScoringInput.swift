import Foundation

/// A named input value a scheme may read (a filing field, a derived figure, a subject-record indicator).
public struct ScoringInput: Sendable, Hashable, Identifiable {
    /// The name used in scheme files, e.g. `rdExpense`.
    public var name: String
    /// Chinese name with the unit or encoding, e.g. `研发费用（元）`.
    public var nameZh: String

    /// The name.
    public var id: String { name }

    /// Creates an input.
    public init(_ name: String, _ nameZh: String) {
        self.name = name
        self.nameZh = nameZh
    }
}
