import Foundation

/// The cohort a subject belongs to: one value per cohort dimension, e.g. `revenueBand=growth · town=锦丰镇`.
///
/// A dimension whose value is unknown (no revenue reported, no town) has the value ``unknown``, so such subjects
/// are compared with each other rather than dropped.
public struct CohortKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value written for a dimension the subject has no value for.
    public static let unknown = "未知"

    /// `(dimension, value)` pairs in the scheme's dimension order.
    public var components: [Component]

    /// One dimension's value.
    public struct Component: Sendable, Hashable {
        /// The dimension's written name (`stage`, `revenueBand`, `town` …).
        public var dimension: String
        /// The subject's value: a stage or band id, or the attribute text.
        public var value: String

        /// Creates a component.
        public init(dimension: String, value: String) {
            self.dimension = dimension
            self.value = value
        }
    }

    /// Creates a key.
    public init(_ components: [Component]) {
        self.components = components
    }

    /// The single cohort of a scheme without cohort dimensions.
    public static let all = CohortKey([])

    /// `all`, or `dimension=value` pairs joined by ` · `.
    public var description: String {
        components.isEmpty ? "all" : components.map { "\($0.dimension)=\($0.value)" }.joined(separator: " · ")
    }

    /// Orders by description (for stable listings).
    public static func < (lhs: CohortKey, rhs: CohortKey) -> Bool { lhs.description < rhs.description }
}
