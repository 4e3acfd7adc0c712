import Domain
import Foundation

/// The distinct items counted by one computed indicator (loans, projects, demands, visited enterprises …),
/// with a per-year tally. Adding an item already present keeps the earliest date, so the result does not
/// depend on the order or the repetition of events.
public struct ItemAggregate: Sendable, Hashable {
    /// One counted item.
    public struct Item: Sendable, Hashable {
        /// When it happened (its year decides its period).
        public var date: LocalDate
        /// Its amount in the indicator's unit (1 for a count).
        public var amount: Decimal
    }

    /// Items by identity key.
    public private(set) var items: [String: Item] = [:]
    /// Tally per calendar year.
    public private(set) var byYear: [Int: Tally] = [:]

    /// An empty aggregate.
    public init() {}

    /// Adds an item; an item with the same key is kept with the earlier date.
    /// - Returns: the years whose tally changed (empty when nothing changed).
    public mutating func add(key: String, date: LocalDate, amount: Decimal) -> Set<Int> {
        if let existing = items[key] {
            guard date < existing.date else { return [] }
            byYear[existing.date.year, default: .zero] = byYear[existing.date.year, default: .zero]
                - Tally(count: 1, sum: existing.amount)
            items[key] = Item(date: date, amount: existing.amount)
            byYear[date.year, default: .zero] = byYear[date.year, default: .zero] + Tally(count: 1, sum: existing.amount)
            return [existing.date.year, date.year]
        }
        items[key] = Item(date: date, amount: amount)
        byYear[date.year, default: .zero] = byYear[date.year, default: .zero] + Tally(count: 1, sum: amount)
        return [date.year]
    }

    /// The tally of items dated in `year`.
    public func annual(_ year: Int) -> Tally {
        byYear[year] ?? .zero
    }

    /// The tally of items dated in `year` or before (a cumulative value at the end of `year`).
    public func through(_ year: Int) -> Tally {
        byYear.reduce(Tally.zero) { $1.key <= year ? $0 + $1.value : $0 }
    }

    /// The tally of every item.
    public var total: Tally {
        byYear.values.reduce(Tally.zero, +)
    }

    /// The earliest year with an item, if any.
    public var firstYear: Int? {
        byYear.filter { $0.value.count > 0 }.keys.min()
    }
}
