import Foundation
import Messaging

/// Scoring stream message (`score.update`, topic `score.<subject kind>.<subject id>.<scheme id>`): a subject's
/// current score under one scheme, with the breakdown that explains it.
///
/// The scoring stream's own gap-free sequence is the envelope header's `sequence`; `ingestSequence` is the ingest
/// event that caused it (0 when a scheme change re-scored everything). `rank` and `cohortSize` are as of this
/// update: later updates of other subjects in the cohort move them without a message for this subject (ask
/// `scoring.ranking` for the current order).
public struct ScoreUpdate: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "score.update"
    /// Every score topic starts with `score`.
    public static let topicPrefix: Topic = Topic("score")

    /// Subject kind id from the catalog, e.g. `enterprise`.
    public var subjectKind: String
    /// Subject id (an enterprise's 统一社会信用代码).
    public var subjectID: String
    /// Subject name as last filed.
    public var subjectName: String
    /// Town or park, when known.
    public var town: String?
    /// The data period scored (filing year).
    public var period: String
    /// Scheme id and version.
    public var schemeID: String
    /// Scheme version.
    public var schemeVersion: Int
    /// Total points (base + bonus − deductions, capped; 0 when vetoed).
    public var points: Decimal
    /// Points per category.
    public var categories: [ScoreCategoryPoints]
    /// One line per indicator: raw value, normalised value, weight, points, missing.
    public var breakdown: [ScoreBreakdownLine]
    /// Negative items that applied (扣分 / 一票否决), by id.
    public var negatives: [String]
    /// Veto items that set the score to zero.
    public var vetoedBy: [String]
    /// Stage id (初创期 / 成长期 / 稳定期 …), when the scheme has stages.
    public var stage: String?
    /// The cohort, e.g. `revenue_band=成长期`.
    public var cohort: String
    /// Grade id and names (a point band or a percentile tier), if the subject has one.
    public var grade: ScoreGrade?
    /// 1-based rank in the cohort (equal points share a rank) at the time of this update.
    public var rank: Int
    /// Subjects in the cohort at the time of this update.
    public var cohortSize: Int
    /// The previous points under this scheme, if any.
    public var previousPoints: Decimal?
    /// The ingest-stream sequence of the event that caused it (0 for a re-score after a scheme change).
    public var ingestSequence: UInt64

    /// Creates an update.
    public init(
        subjectKind: String, subjectID: String, subjectName: String, town: String?, period: String, schemeID: String,
        schemeVersion: Int, points: Decimal, categories: [ScoreCategoryPoints], breakdown: [ScoreBreakdownLine],
        negatives: [String], vetoedBy: [String], stage: String?, cohort: String, grade: ScoreGrade?, rank: Int,
        cohortSize: Int, previousPoints: Decimal?, ingestSequence: UInt64
    ) {
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.town = town
        self.period = period
        self.schemeID = schemeID
        self.schemeVersion = schemeVersion
        self.points = points
        self.categories = categories
        self.breakdown = breakdown
        self.negatives = negatives
        self.vetoedBy = vetoedBy
        self.stage = stage
        self.cohort = cohort
        self.grade = grade
        self.rank = rank
        self.cohortSize = cohortSize
        self.previousPoints = previousPoints
        self.ingestSequence = ingestSequence
    }

    /// `score.<kind>.<id>.<scheme>`.
    public var topic: Topic { Self.topic(kind: subjectKind, subject: subjectID, scheme: schemeID) }

    /// The topic of a subject's score under a scheme.
    public static func topic(kind: String, subject: String, scheme: String) -> Topic {
        Topic("score").child(kind).child(subject).child(scheme)
    }
}

/// A category's points in a ``ScoreUpdate``.
public struct ScoreCategoryPoints: Codable, Sendable, Hashable {
    /// Category id.
    public var id: String
    /// Chinese name (技术创新 …).
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Points it contributes (after its cap).
    public var points: Decimal
    /// Its cap, if any.
    public var cap: Decimal?

    /// Creates the entry.
    public init(id: String, nameZh: String, nameEn: String, points: Decimal, cap: Decimal?) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.points = points
        self.cap = cap
    }
}

/// One indicator of a ``ScoreUpdate``'s breakdown: why the subject has these points.
public struct ScoreBreakdownLine: Codable, Sendable, Hashable {
    /// Indicator id.
    public var indicator: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Category id.
    public var category: String
    /// The raw value, or `nil` when the data is missing.
    public var raw: Decimal?
    /// The normalised value 0…1, or `nil` when missing.
    public var normalised: Decimal?
    /// Weight (maximum points) in the subject's stage.
    public var weight: Decimal
    /// Points earned.
    public var points: Decimal
    /// What was missing, when the raw value is.
    public var missing: String?

    /// Creates the line.
    public init(
        indicator: String, nameZh: String, nameEn: String, category: String, raw: Decimal?, normalised: Decimal?,
        weight: Decimal, points: Decimal, missing: String?
    ) {
        self.indicator = indicator
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.category = category
        self.raw = raw
        self.normalised = normalised
        self.weight = weight
        self.points = points
        self.missing = missing
    }
}

/// A grade in a ``ScoreUpdate``: a point band (A/B/C/D) or a cohort-percentile tier (领跑 / 竞跑 / 进取).
public struct ScoreGrade: Codable, Sendable, Hashable {
    /// Grade id, e.g. `A` or `leading`.
    public var id: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String

    /// Creates the grade.
    public init(id: String, nameZh: String, nameEn: String) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}
