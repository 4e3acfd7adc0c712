import Foundation

/// One indicator of a scheme (e.g. 研发投入强度): where its raw value comes from, how it is normalised, and its
/// weight (maximum points) per stage.
public struct SchemeIndicator: Sendable, Hashable, Identifiable {
    /// Stable id, unique in the scheme, e.g. `"rd_intensity"`.
    public var id: String
    /// Chinese name, e.g. `研发投入强度`.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The named input value(s) the raw value is computed from.
    public var source: IndicatorSource
    /// How the raw value is normalised to 0…1.
    public var normalisation: Normalisation
    /// Maximum points per stage.
    public var weights: StageWeights

    /// Creates an indicator.
    public init(
        id: String, nameZh: String, nameEn: String, source: IndicatorSource,
        normalisation: Normalisation, weights: StageWeights
    ) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.source = source
        self.normalisation = normalisation
        self.weights = weights
    }
}
