import Contracts
import Domain
import Foundation

/// One catalog indicator with its current county values (the 一屏通览 row and `/api/indicators` item).
public struct IndicatorView: Codable, Sendable, Hashable {
    /// Catalog id, e.g. `loan.granted_amount`.
    public var id: String
    /// Chinese name.
    public var nameZh: String
    /// English name.
    public var nameEn: String
    /// Program id (the overview groups by it).
    public var program: String
    /// Catalog unit.
    public var unit: String
    /// The value shown: the county value updated last, if any.
    public var current: IndicatorValueView?
    /// Every county value (each period and source), newest first.
    public var values: [IndicatorValueView]
    /// Recent values of the current key, oldest first (the trend line).
    public var trend: [String]

    /// The view of `indicator` from `state`.
    public init(indicator: Indicator, state: borrowing WebState) {
        id = indicator.id
        nameZh = indicator.nameZh
        nameEn = indicator.nameEn
        program = indicator.program
        unit = indicator.unit.rawValue
        let county = state.countyValues(of: indicator.id)
        values = county.map { IndicatorValueView(update: $0.update, sequence: $0.sequence, indicator: indicator) }
        current = values.first
        trend = county.first.map { (state.trends[$0.update.key] ?? []).map { DecimalText.string($0.value) } } ?? []
    }
}
