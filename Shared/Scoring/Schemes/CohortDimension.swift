import Foundation

/// One dimension subjects are grouped by for ranking and percentile normalisation.
public enum CohortDimension: Sendable, Hashable, CustomStringConvertible {
    /// The subject's stage in the scheme.
    case stage
    /// The subject's band in the scheme's revenue-band list.
    case revenueBand
    /// A text attribute of the subject, e.g. `industry` or `town`.
    case attribute(String)

    /// The written name: `stage`, `revenueBand`, or the attribute name.
    public var description: String {
        switch self {
        case .stage: "stage"
        case .revenueBand: "revenueBand"
        case .attribute(let name): name
        }
    }
}
