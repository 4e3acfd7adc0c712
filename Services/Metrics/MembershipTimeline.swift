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

    /// An empty timeline.
    public init() {}

    /// Records a change; an identical change already recorded is ignored.
    /// - Returns: whether anything changed.
    public mutating func record(subject: String, change: Change) -> Bool {
        var list = changes[subject] ?? []
        guard !list.contains(change) else { return false }
        let index = list.firstIndex { change < $0 } ?? list.endIndex
        list.insert(change, at: index)
        changes[subject] = list
        return true
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

    /// Number of members on `date`.
    public func count(on date: LocalDate) -> Int {
        changes.keys.reduce(0) { isMember($1, on: date) ? $0 + 1 : $0 }
    }

    /// The earliest change year, if any.
    public var firstYear: Int? {
        changes.values.compactMap { $0.first?.date.year }.min()
    }
}
