import Contracts
import Domain
import Foundation

/// The pure heart of the metrics service: state + ingest event → new state + metric updates. No I/O, no clock;
/// the same events in the same order always give the same state and updates, and applying an event again
/// (a replay after a crash) changes nothing and produces no update.
///
/// - Reported values come from ``ObservationExtracted``: converted to the indicator's unit (万元 ↔ 亿元
///   exactly); period = the observation's period, or `total` for a figure without one ("自成立以来").
/// - Computed values come from program events (``ComputedRules``) and filings (``FilingTotals``): annual
///   indicators per calendar year; cumulative ones per year (everything up to that year's end) and `total`;
///   point-in-time ones (pool sizes, effective high-tech enterprises) at each year's end.
/// - Scoring values come from the scoring stream's `score.update` and `hightech.assessment` entries
///   (``ScoringIndicators``, applied by ``apply(_:scoringSequence:)``).
/// - Every update carries the target progress (%) when the catalog has a target for its period, and a
///   ``DataQualityFlag`` when the reported and computed values of the same indicator, period and scope disagree.
///   When an update changes the flags of its counterpart (kind or the numbers compared), the counterpart is
///   re-published with the new flags.
public struct MetricsLogic: Sendable {
    /// A computed value to recompute: indicator and period.
    public struct Affected: Sendable, Hashable, Comparable {
        /// Indicator id.
        public var indicator: String
        /// Period string.
        public var period: String

        /// Orders by indicator, then period.
        public static func < (lhs: Affected, rhs: Affected) -> Bool {
            (lhs.indicator, lhs.period) < (rhs.indicator, rhs.period)
        }
    }

    /// The catalog in use.
    public let catalog: Catalog
    /// The current state.
    public internal(set) var state: MetricsState
    let indicators: [String: Indicator]

    /// Creates the logic over `state` (empty, or values loaded from storage before facts are re-absorbed).
    public init(catalog: Catalog, state: MetricsState = MetricsState()) {
        self.catalog = catalog
        self.state = state
        var byID: [String: Indicator] = [:]
        for indicator in catalog.indicators { byID[indicator.id] = indicator }
        self.indicators = byID
    }

    /// Applies one ingest event (sequence `ingestSequence`) and returns the updates it causes, in key order.
    public mutating func apply(_ event: IngestEvent, ingestSequence: UInt64) -> [MetricUpdate] {
        switch event {
        case let .observation(extracted):
            return applyObservation(extracted, ingestSequence: ingestSequence)
        case .filing, .program:
            let affected = absorb(event, ingestSequence: ingestSequence)
            var updates: [MetricUpdate] = []
            for item in affected.sorted() {
                guard let value = computedValue(indicator: item.indicator, period: item.period) else { continue }
                let key = MetricKey(indicator: item.indicator, period: item.period, scope: .county, source: .computed)
                updates += emit(key: key, value: value, ingestSequence: ingestSequence, reported: nil)
            }
            return updates
        case .ignored:
            return []
        }
    }

    /// Folds a filing or program event (ingest sequence `ingestSequence`) into the aggregates without producing
    /// updates (used to rebuild the aggregates from stored facts on start, and by ``apply(_:ingestSequence:)``).
    /// - Returns: the computed values that may have changed.
    @discardableResult
    public mutating func absorb(_ event: IngestEvent, ingestSequence: UInt64) -> Set<Affected> {
        switch event {
        case let .filing(recorded):
            return absorb(filing: recorded.filing, ingestSequence: ingestSequence)
        case let .program(recorded):
            return absorb(program: recorded.event)
        case .observation, .ignored:
            return []
        }
    }

    /// The computed value of `indicator` for `period` from the current aggregates, or `nil` when there is
    /// nothing to compute it from.
    public func computedValue(indicator id: String, period: String) -> Decimal? {
        guard let indicator = indicators[id] else { return nil }
        if ComputedRules.filingIndicators.contains(id) {
            guard let year = Int(period), let totals = state.filingTotals[year], totals.filings > 0 else { return nil }
            return filingValue(indicator, totals)
        }
        if let timeline = ComputedRules.timelineIndicators.first(where: { $0.value == id })?.key {
            guard let year = Int(period), let members = state.timelines[timeline],
                  let end = LocalDate(year: year, month: 12, day: 31)
            else { return nil }
            return Decimal(members.count(on: end))
        }
        guard let aggregate = state.items[id] else { return nil }
        let tally: Tally
        switch indicator.aggregation {
        case .annual, .yearToDate:
            guard let year = Int(period) else { return nil }
            tally = aggregate.annual(year)
        case .cumulative, .pointInTime:
            if period == "total" {
                tally = aggregate.total
            } else {
                guard let year = Int(period) else { return nil }
                tally = aggregate.through(year)
            }
        }
        let exists = state.values[MetricKey(indicator: id, period: period, source: .computed)] != nil
        guard tally.count > 0 || exists else { return nil }
        return indicator.kind == .count ? Decimal(tally.count) : tally.sum
    }

    // MARK: Reported

    private mutating func applyObservation(_ extracted: ObservationExtracted, ingestSequence: UInt64) -> [MetricUpdate] {
        let observation = extracted.observation
        guard let id = observation.indicatorID, let indicator = indicators[id],
              observation.qualifier != .growthRate,
              let value = observation.value(in: indicator.unit)
        else { return [] }
        let key = MetricKey(indicator: id, period: observation.period ?? "total", scope: .county, source: .reported)
        // A figure already reflected in the current value (the same event delivered again) changes nothing.
        if let current = state.values[key], ingestSequence <= current.ingestSequence { return [] }
        let details = ReportedDetails(
            qualifier: observation.qualifier, documentID: extracted.documentID, phrase: observation.phrase)
        return emit(key: key, value: value, ingestSequence: ingestSequence, reported: details)
    }

    struct ReportedDetails {
        var qualifier: Qualifier
        var documentID: String
        var phrase: String
    }

    // MARK: Emitting

    mutating func emit(
        key: MetricKey, value: Decimal, ingestSequence: UInt64, reported: ReportedDetails?
    ) -> [MetricUpdate] {
        guard let indicator = indicators[key.indicator] else { return [] }
        let previous = state.values[key]
        var update = MetricUpdate(
            key: key, value: value, unit: indicator.unit, previousValue: previous?.value,
            qualifier: reported?.qualifier, documentID: reported?.documentID, phrase: reported?.phrase,
            targetProgressPercent: indicator.target(for: key.period).flatMap { DecimalMath.percent(value, of: $0.value) },
            quality: [], ingestSequence: ingestSequence)
        var counterpartKey = key
        counterpartKey.source = key.source == .reported ? .computed : .reported
        let counterpart = state.values[counterpartKey]
        update.quality = flags(for: update, against: counterpart)
        if let previous, previous.value == value, previous.quality == update.quality,
           previous.qualifier == update.qualifier, previous.documentID == update.documentID {
            return []
        }
        state.values[key] = update
        var updates = [update]
        // The counterpart is published again whenever its findings change — a finding appears, disappears, or
        // now names different numbers — so no current value carries a stale comparison. Only keys with both a
        // reported and a computed value have counterparts, so the extra volume is small.
        if var other = counterpart {
            let otherFlags = flags(for: other, against: update)
            if otherFlags != other.quality {
                other.previousValue = other.value
                other.quality = otherFlags
                other.ingestSequence = ingestSequence
                state.values[counterpartKey] = other
                updates.append(other)
            }
        }
        return updates
    }

    private func flags(for update: MetricUpdate, against counterpart: MetricUpdate?) -> [DataQualityFlag] {
        guard let counterpart else { return [] }
        let (reported, computed) = update.key.source == .reported ? (update, counterpart) : (counterpart, update)
        return DataQualityCheck.flags(reported: reported.value, qualifier: reported.qualifier, computed: computed.value)
    }

    // MARK: Computed facts

    private mutating func absorb(filing: EnterpriseFiling, ingestSequence: UInt64) -> Set<Affected> {
        let key = MetricsState.FilingKey(creditCode: filing.creditCode.rawValue, year: filing.year)
        let previous = state.filings[key]
        // Only a later filing replaces; the same or an older one delivered again changes nothing.
        if let previous, ingestSequence <= previous.ingestSequence { return [] }
        state.filings[key] = MetricsState.RecordedFiling(filing: filing, ingestSequence: ingestSequence)
        guard previous?.filing != filing else { return [] }
        var totals = state.filingTotals[filing.year] ?? FilingTotals()
        if let previous { totals.add(previous.filing, sign: -1) }
        totals.add(filing, sign: 1)
        state.filingTotals[filing.year] = totals
        var affected = advanceLatestYear(to: filing.year)
        for id in ComputedRules.filingIndicators where indicators[id] != nil {
            affected.insert(Affected(indicator: id, period: String(filing.year)))
        }
        return affected
    }

    private mutating func absorb(program event: ProgramEvent) -> Set<Affected> {
        var affected = advanceLatestYear(to: event.date.year)
        for contribution in ComputedRules.contributions(of: event, catalog: catalog) {
            switch contribution {
            case let .item(id, key, date, money):
                guard let indicator = indicators[id] else { continue }
                let amount: Decimal
                if indicator.kind == .count {
                    amount = 1
                } else {
                    guard let money, let unit = MoneyUnit(indicator.unit) else { continue }
                    amount = money.converted(to: unit).amount
                }
                let years = state.items[id, default: ItemAggregate()].add(key: key, date: date, amount: amount)
                guard let first = years.min() else { continue }
                affected.formUnion(periods(of: indicator, from: first, years: years))
            case let .membership(timeline, subject, change):
                guard let id = ComputedRules.timelineIndicators[timeline], indicators[id] != nil else { continue }
                guard state.timelines[timeline, default: MembershipTimeline()].record(subject: subject, change: change)
                else { continue }
                for year in change.date.year...max(change.date.year, state.latestYear ?? change.date.year) {
                    affected.insert(Affected(indicator: id, period: String(year)))
                }
            }
        }
        return affected
    }

    /// The periods of `indicator` touched by a change in `years` (the earliest being `first`).
    private func periods(of indicator: Indicator, from first: Int, years: Set<Int>) -> Set<Affected> {
        switch indicator.aggregation {
        case .annual, .yearToDate:
            return Set(years.map { Affected(indicator: indicator.id, period: String($0)) })
        case .cumulative, .pointInTime:
            var result: Set<Affected> = []
            for year in first...max(first, state.latestYear ?? first) {
                result.insert(Affected(indicator: indicator.id, period: String(year)))
            }
            if case .cumulative = indicator.aggregation {
                result.insert(Affected(indicator: indicator.id, period: "total"))
            }
            return result
        }
    }

    /// Moves the latest year forward; running totals and point-in-time values gain the new years.
    private mutating func advanceLatestYear(to year: Int) -> Set<Affected> {
        let old = state.latestYear
        guard old.map({ year > $0 }) ?? true else { return [] }
        state.latestYear = year
        guard let old else { return [] }
        var affected: Set<Affected> = []
        let newYears = (old + 1)...year
        for (id, aggregate) in state.items {
            guard let indicator = indicators[id], let first = aggregate.firstYear else { continue }
            switch indicator.aggregation {
            case .cumulative, .pointInTime:
                for newYear in newYears where newYear >= first {
                    affected.insert(Affected(indicator: id, period: String(newYear)))
                }
            case .annual, .yearToDate:
                break
            }
        }
        for (timeline, members) in state.timelines {
            guard let id = ComputedRules.timelineIndicators[timeline], let first = members.firstYear else { continue }
            for newYear in newYears where newYear >= first {
                affected.insert(Affected(indicator: id, period: String(newYear)))
            }
        }
        return affected
    }

    private func filingValue(_ indicator: Indicator, _ totals: FilingTotals) -> Decimal? {
        let factor = MoneyUnit(indicator.unit)?.yuanFactor ?? 1
        switch indicator.id {
        case "enterprise.filings": return Decimal(totals.filings)
        case "enterprise.rd_expense_total": return totals.rdExpenseYuan / factor
        case "enterprise.operating_revenue_total": return totals.operatingRevenueYuan / factor
        case "enterprise.rd_intensity": return DecimalMath.percent(totals.rdExpenseYuan, of: totals.operatingRevenueYuan)
        case "enterprise.high_tech_revenue_total": return totals.highTechRevenueYuan / factor
        case "enterprise.invention_patents": return Decimal(totals.inventionPatents)
        case "enterprise.tech_contract_turnover": return totals.techContractTurnoverYuan / factor
        case "enterprise.rd_staff": return Decimal(totals.rdStaff)
        case "rd_institution.coverage":
            return DecimalMath.percent(
                Decimal(totals.aboveScaleIndustrialWithRDInstitution), of: Decimal(totals.aboveScaleIndustrial))
        case "rd_institution.covered_enterprises": return Decimal(totals.aboveScaleIndustrialWithRDInstitution)
        case "rd_institution.above_scale_industrial": return Decimal(totals.aboveScaleIndustrial)
        default: return nil
        }
    }
}
