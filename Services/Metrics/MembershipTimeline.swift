import Domain

/// Entries into and exits from a set over time (the 高企培育库, high-tech certificates), so the set's size can
/// be read at any date. An entry may carry a validity: a high-tech certificate counts for three years from
/// its date unless an exit comes first.
public struct MembershipTimeline: Sendable, Hashable {
    /// One change of one subject's membership.
    public struct Change: Sendable, Hashable, Comparable {
        /// When it took effect.
        public var date: LocalDate
        /// `true` for an entry, `false` for an exit.
        public var enters: Bool
        /// For entries: years the membership lasts without an exit (nil: until an exit).
        public var validityYears: Int?

        /// Orders by date, entries before exits on the same day.
        public static func < (lhs: Change, rhs: Change) -> Bool {
            if lhs.date != rhs.date { return lhs.date < rhs.date }
            if lhs.enters != rhs.enters { return lhs.enters }
            return (lhs.validityYears ?? Int.max) < (rhs.validityYears ?? Int.max)
        }
    }

    /// Changes per subject, sorted.
    public private(set) var changes: [String: [Change]] = [:]
    /// How the member count changes at each date: +1 where a subject's membership starts, −1 where it ends (by an
    /// exit or at the end of its validity). Derived from ``changes``, kept so ``count(on:)`` sums a few boundaries
    /// instead of replaying every subject's changes: that replay made each update of the 高企培育库 or high-tech
    /// count cost O(subjects), so applying a whole year of pool entries grew quadratically.
    private var boundaries: [LocalDate: Int] = [:]

    /// An empty timeline.
    public init() {}

    /// Records a change; an identical change already recorded is ignored.
    /// - Returns: whether anything changed.
    public mutating func record(subject: String, change: Change) -> Bool {
        var list = changes[subject] ?? []
        guard !list.contains(change) else { return false }
        for interval in Self.memberIntervals(list) { shift(interval, by: -1) }
        let index = list.firstIndex { change < $0 } ?? list.endIndex
        list.insert(change, at: index)
        changes[subject] = list
        for interval in Self.memberIntervals(list) { shift(interval, by: 1) }
        return true
    }

    /// Adds `delta` at the start of `interval` and takes it back at its end.
    private mutating func shift(_ interval: (start: LocalDate, end: LocalDate?), by delta: Int) {
        boundaries[interval.start, default: 0] += delta
        if boundaries[interval.start] == 0 { boundaries[interval.start] = nil }
        guard let end = interval.end else { return }
        boundaries[end, default: 0] -= delta
        if boundaries[end] == 0 { boundaries[end] = nil }
    }

    /// The dates on which a subject with these sorted changes is a member, as half-open intervals `[start, end)`
    /// (`end` nil: open-ended): exactly the dates ``isMember(_:on:)`` answers `true` for. The last change on or before
    /// a date decides: an exit ends membership; an entry starts it, until the next change or the end of its validity,
    /// whichever comes first.
    static func memberIntervals(_ list: [Change]) -> [(start: LocalDate, end: LocalDate?)] {
        var intervals: [(start: LocalDate, end: LocalDate?)] = []
        for (index, change) in list.enumerated() where change.enters {
            let next = list[(index + 1)...].first { $0.date > change.date }?.date
            // A later change on the same date overrides this one from that date on.
            if index + 1 < list.count, list[index + 1].date == change.date { continue }
            var end = next
            if let years = change.validityYears {
                let expiry = change.date.adding(years: years)
                end = end.map { min($0, expiry) } ?? expiry
            }
            if let end, end <= change.date { continue }
            intervals.append((change.date, end))
        }
        return intervals
    }

    /// Whether `subject` is a member on `date`.
    public func isMember(_ subject: String, on date: LocalDate) -> Bool {
        var member = false
        var until: LocalDate?
        for change in changes[subject] ?? [] where change.date <= date {
            if change.enters {
                member = true
                until = change.validityYears.map { change.date.adding(years: $0) }
            } else {
                member = false
                until = nil
            }
        }
        if member, let until, date >= until { return false }
        return member
    }

    /// Number of members on `date`: the sum of the membership boundaries on or before it (O(boundary dates), not
    /// O(subjects); `MembershipTimelineTests` checks it against ``isMember(_:on:)`` for every subject).
    public func count(on date: LocalDate) -> Int {
        boundaries.reduce(0) { $1.key <= date ? $0 + $1.value : $0 }
    }

    /// The earliest change year, if any.
    public var firstYear: Int? {
        changes.values.compactMap { $0.first?.date.year }.min()
    }
}
