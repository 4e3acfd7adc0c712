import Domain
import Foundation
import Messaging

/// Metric stream message (`metric.update`, topic `metric.<indicator id>`): one indicator value changed.
///
/// The metrics stream's own gap-free sequence number is the envelope header's `sequence`; `ingestSequence`
/// is the ingest event that caused the change. Prefix subscriptions work by indicator family:
/// `metric.` (everything), `metric.loan` (the 科技贷 family).
public struct MetricUpdate: WireMessage, Hashable {
    /// Wire type.
    public static let messageType: MessageType = "metric.update"
    /// Every metric update topic starts with `metric`.
    public static let topicPrefix: Topic = Topic("metric")

    /// Which value: indicator × period × scope × source.
    public var key: MetricKey
    /// The new value, exact: a JSON number written digit for digit from `Decimal` (e.g. `2.88`; read it with
    /// a decimal parser such as Python's `json.loads(..., parse_float=Decimal)`).
    public var value: Decimal
    /// Unit, as in the catalog (家 项 个 条 人 件 亿元 万元 元 %).
    public var unit: MeasureUnit
    /// The previous value for the same key, if any.
    public var previousValue: Decimal?
    /// For reported values: the figure's qualifier (exact, at_least, projected …).
    public var qualifier: Qualifier?
    /// For reported values: the report document id.
    public var documentID: String?
    /// For reported values: the phrase in the report.
    public var phrase: String?
    /// Progress toward the indicator's target for this period, in percent (exact), when a target exists.
    public var targetProgressPercent: Decimal?
    /// Data-quality findings (empty when none).
    public var quality: [DataQualityFlag]
    /// The ingest-stream sequence of the event that caused this update.
    public var ingestSequence: UInt64

    /// Creates an update.
    public init(
        key: MetricKey, value: Decimal, unit: MeasureUnit, previousValue: Decimal? = nil,
        qualifier: Qualifier? = nil, documentID: String? = nil, phrase: String? = nil,
        targetProgressPercent: Decimal? = nil, quality: [DataQualityFlag] = [], ingestSequence: UInt64
    ) {
        self.key = key
        self.value = value
        self.unit = unit
        self.previousValue = previousValue
        self.qualifier = qualifier
        self.documentID = documentID
        self.phrase = phrase
        self.targetProgressPercent = targetProgressPercent
        self.quality = quality
        self.ingestSequence = ingestSequence
    }

    /// `metric.<indicator id>`, e.g. `metric.loan.granted_amount`.
    public var topic: Topic { MetricUpdate.topic(indicator: key.indicator) }

    /// The topic of every update of `indicator`.
    public static func topic(indicator: String) -> Topic { Topic("metric").child(indicator) }
}
