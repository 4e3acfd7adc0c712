import Foundation

/// One percentile indicator's recorded raw values (see ``CohortPercentiles``): per subject slot, the cohort and the
/// ``ValueCountForest`` node of its value (8 bytes a subject); per cohort, a multiset of the values.
struct IndicatorValues: Sendable {
    private struct Entry: Sendable {
        /// Cohort id, or −1 when the subject has no value.
        var cohort: Int32
        /// The node holding the subject's value.
        var node: Int32
    }

    private var entries: [Entry] = []
    private var forest = ValueCountForest()

    /// No values.
    init() {}

    /// Records `value` as the value of the subject at `slot` in `cohort`, replacing any earlier one.
    mutating func set(slot: Int, value: OrderedDecimal, cohort: Int) {
        if slot >= entries.count {
            entries.append(contentsOf: repeatElement(Entry(cohort: -1, node: -1), count: slot - entries.count + 1))
        }
        let old = entries[slot]
        if old.cohort >= 0 {
            if Int(old.cohort) == cohort, forest.value(at: old.node).compare(value) == 0 { return }
            forest.remove(node: old.node, from: Int(old.cohort))
        }
        entries[slot] = Entry(cohort: Int32(cohort), node: forest.add(value, to: cohort))
    }

    /// Removes the value of the subject at `slot`, if any.
    mutating func remove(slot: Int) {
        guard slot < entries.count, entries[slot].cohort >= 0 else { return }
        forest.remove(node: entries[slot].node, from: Int(entries[slot].cohort))
        entries[slot] = Entry(cohort: -1, node: -1)
    }

    /// The cohort and value recorded for the subject at `slot`.
    func recorded(slot: Int) -> (cohort: Int, value: OrderedDecimal)? {
        guard slot < entries.count, entries[slot].cohort >= 0 else { return nil }
        return (Int(entries[slot].cohort), forest.value(at: entries[slot].node))
    }

    /// The number of values in `cohort`.
    func count(in cohort: Int) -> Int { forest.count(in: cohort) }

    /// The number of values in `cohort` at most `value`.
    func countAtMost(_ value: OrderedDecimal, in cohort: Int) -> Int { forest.countAtMost(value, in: cohort) }

    /// Whether the multisets are well formed and hold exactly the recorded values (for tests).
    func isConsistent() -> Bool {
        guard forest.isValid() else { return false }
        var perCohort: [Int: Int] = [:]
        for entry in entries where entry.cohort >= 0 { perCohort[Int(entry.cohort), default: 0] += 1 }
        return perCohort.allSatisfy { forest.count(in: $0.key) == $0.value }
    }
}
