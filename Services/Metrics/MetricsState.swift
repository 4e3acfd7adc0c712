import Contracts
import Domain

/// Everything the metrics logic knows: the current value per key and the aggregates computed values are read
/// from. A pure value: apply events to a copy, persist, then keep the copy.
public struct MetricsState: Sendable, Hashable {
    /// An enterprise filing's identity: one filing per enterprise and year (a later filing replaces it).
    public struct FilingKey: Sendable, Hashable {
        /// The enterprise.
        public var creditCode: String
        /// The year the figures cover.
        public var year: Int
    }

    /// The latest update per key (reported and computed side by side).
    public internal(set) var values: [MetricKey: MetricUpdate] = [:]
    /// Distinct counted items per computed indicator.
    public internal(set) var items: [String: ItemAggregate] = [:]
    /// Membership timelines by name (see ``ComputedRules``).
    public internal(set) var timelines: [String: MembershipTimeline] = [:]
    /// A filing with the ingest sequence that recorded it (a later sequence replaces an earlier one).
    public struct RecordedFiling: Sendable, Hashable {
        /// The filing.
        public var filing: EnterpriseFiling
        /// The ingest sequence of its `ingest.filing` event.
        public var ingestSequence: UInt64
    }

    /// The latest filing of each enterprise and year.
    public internal(set) var filings: [FilingKey: RecordedFiling] = [:]
    /// Totals of each filing year.
    public internal(set) var filingTotals: [Int: FilingTotals] = [:]
    /// Scores and high-tech tiers from the scoring stream, with their aggregates.
    public internal(set) var scoring = ScoringAggregates()
    /// The latest year any fact (filing or program event) belongs to.
    public internal(set) var latestYear: Int?

    /// An empty state, or one holding `values` loaded from storage.
    public init(values: [MetricKey: MetricUpdate] = [:]) {
        self.values = values
    }
}
