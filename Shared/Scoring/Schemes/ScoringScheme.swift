import Foundation

/// A scoring scheme for one kind of innovation subject, loaded from a YAML file (``SchemeLoader``): indicators in
/// categories with a weight per stage and a normalisation each, bonus and negative items, caps, the scale, the
/// cohort definition and the grades. Every number a county may change lives in the file, not in code.
public struct ScoringScheme: Sendable, Hashable, Identifiable {
    /// Stable id, the file name without `.yaml`, e.g. `"innovation-points-2024"`.
    public var id: String
    /// The file version; a new version re-scores every subject.
    public var version: Int
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// The catalog subject kind scored, e.g. `"enterprise"`.
    public var subjectKind: String
    /// Whether the numbers are example values for a county to adjust (marked `example: true` in the file).
    public var isExample: Bool
    /// Free text from the file: provenance of the numbers, what to adjust.
    public var note: String
    /// The points scale.
    public var scale: SchemeScale
    /// Decimal places indicator points and deductions are rounded to (half away from zero).
    public var precision: Int
    /// The stages, in the order they are tried; empty when the scheme does not weight by stage.
    public var stages: [SchemeStage]
    /// The categories (base and bonus) with their indicators.
    public var categories: [SchemeCategory]
    /// Negative items: deductions and vetoes.
    public var negatives: [NegativeItem]
    /// The most all deductions together take off, or `nil` for no cap.
    public var deductionCap: Decimal?
    /// Who is compared with whom.
    public var cohort: CohortDefinition
    /// Points bands and cohort-percentile tiers.
    public var grades: SchemeGrades
    /// The file the scheme was loaded from (for messages).
    public var file: String

    /// Creates a scheme (normally done by ``SchemeLoader``, which validates).
    public init(
        id: String, version: Int, nameZh: String, nameEn: String, subjectKind: String, isExample: Bool = false,
        note: String = "", scale: SchemeScale, precision: Int = 2, stages: [SchemeStage] = [],
        categories: [SchemeCategory], negatives: [NegativeItem] = [], deductionCap: Decimal? = nil,
        cohort: CohortDefinition = .everyone, grades: SchemeGrades = SchemeGrades(), file: String = "<memory>"
    ) {
        self.id = id
        self.version = version
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.subjectKind = subjectKind
        self.isExample = isExample
        self.note = note
        self.scale = scale
        self.precision = precision
        self.stages = stages
        self.categories = categories
        self.negatives = negatives
        self.deductionCap = deductionCap
        self.cohort = cohort
        self.grades = grades
        self.file = file
    }

    /// Every indicator of every category, in order.
    public var indicators: [SchemeIndicator] { categories.flatMap(\.indicators) }

    /// The indicators normalised by percentile rank within the cohort.
    public var cohortIndicators: [SchemeIndicator] { indicators.filter(\.normalisation.needsCohort) }

    /// The indicator with id `id`, or `nil`.
    public func indicator(_ id: String) -> SchemeIndicator? {
        indicators.first { $0.id == id }
    }
}
