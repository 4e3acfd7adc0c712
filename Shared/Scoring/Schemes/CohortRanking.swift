import Domain
import Foundation

/// Subjects' points ranked within their cohorts, kept up to date incrementally: insert, update and remove are
/// O(log n) (expected), as are rank, percentile and tier queries — there is no full sort per update.
///
/// Order and ties: more points rank higher; equal points share the better (competition) rank — 1, 2, 2, 4 —
/// and are listed by subject id ascending. Points compare numerically (`1.0` equals `1`).
public struct CohortRanking: Sendable {
    private struct Entry: Sendable {
        var cohort: CohortKey
        var points: Decimal
    }

    private var entries: [String: Entry] = [:]
    private var trees: [CohortKey: OrderStatisticTree<RankKey>] = [:]

    /// An empty ranking.
    public init() {}

    /// The number of subjects ranked, over all cohorts.
    public var count: Int { entries.count }

    /// The cohorts holding at least one subject, sorted.
    public var cohorts: [CohortKey] { trees.keys.sorted() }

    /// The number of subjects in `cohort`.
    public func count(in cohort: CohortKey) -> Int {
        trees[cohort]?.count ?? 0
    }

    /// The subject's points, or `nil` when it is not ranked.
    public func points(of subject: String) -> Decimal? {
        entries[subject]?.points
    }

    /// The subject's cohort, or `nil` when it is not ranked.
    public func cohort(of subject: String) -> CohortKey? {
        entries[subject]?.cohort
    }

    /// Inserts the subject, or moves it to new points and/or a new cohort.
    public mutating func upsert(_ subject: String, points: Decimal, cohort: CohortKey) {
        if let old = entries[subject] {
            if old.cohort == cohort, old.points == points { return }
            removeFromTree(subject, old)
        }
        let cohort = interned(cohort)
        entries[subject] = Entry(cohort: cohort, points: points)
        trees[cohort, default: OrderStatisticTree()].insert(RankKey(points: points, subject: subject))
    }

    /// The instance of `cohort` already a key of ``trees`` (else `cohort`): every subject's entry then shares one
    /// copy of its cohort's components instead of holding the array its score was computed with (a heap
    /// allocation per subject and scheme).
    private func interned(_ cohort: CohortKey) -> CohortKey {
        trees.index(forKey: cohort).map { trees.keys[$0] } ?? cohort
    }

    /// Inserts or moves many subjects at once — a full re-rank (a settle or a scheme change re-scores everyone):
    /// the entries are updated, then every cohort's tree is rebuilt from its sorted members, O(n log n) in all,
    /// instead of one O(log n) move per subject with its remove and insert. Subjects not in `members` keep their
    /// points. The ranks afterwards are exactly those of the same moves made one by one.
    public mutating func upsertAll(_ members: [(subject: String, points: Decimal, cohort: CohortKey)]) {
        guard !members.isEmpty else { return }
        entries.reserveCapacity(entries.count + members.count)
        // One instance per cohort (as `upsert` interns).
        var cohorts = Dictionary(uniqueKeysWithValues: trees.keys.map { ($0, $0) })
        for member in members {
            // As in `upsert`: equal points in the same cohort change nothing (the stored spelling stays).
            if let old = entries[member.subject], old.cohort == member.cohort, old.points == member.points { continue }
            let cohort = cohorts[member.cohort] ?? member.cohort
            cohorts[cohort] = cohort
            entries[member.subject] = Entry(cohort: cohort, points: member.points)
        }
        var byCohort: [CohortKey: [RankKey]] = [:]
        for (subject, entry) in entries {
            byCohort[entry.cohort, default: []].append(RankKey(points: entry.points, subject: subject))
        }
        trees.removeAll(keepingCapacity: true)
        for (cohort, var keys) in byCohort {
            keys.sort()
            trees[cohort] = OrderStatisticTree(sorted: keys)
        }
    }

    /// Removes the subject; `false` when it was not ranked.
    @discardableResult
    public mutating func remove(_ subject: String) -> Bool {
        guard let old = entries.removeValue(forKey: subject) else { return false }
        removeFromTree(subject, old)
        return true
    }

    /// The number of subjects in `cohort` with more than `points`.
    public func countAbove(_ points: Decimal, in cohort: CohortKey) -> Int {
        let probe = RankKey(points: points, subject: "")
        return trees[cohort]?.prefixCount { $0.hasMorePoints(than: probe) } ?? 0
    }

    /// The number of subjects in `cohort` with `points` or fewer.
    public func countAtMost(_ points: Decimal, in cohort: CohortKey) -> Int {
        count(in: cohort) - countAbove(points, in: cohort)
    }

    /// The subject's competition rank in its cohort (1-based), or `nil` when it is not ranked.
    public func rank(of subject: String) -> Int? {
        guard let entry = entries[subject] else { return nil }
        return countAbove(entry.points, in: entry.cohort) + 1
    }

    /// The subject's rank, cohort size and percentile, or `nil` when it is not ranked.
    public func position(of subject: String) -> CohortPosition? {
        guard let entry = entries[subject] else { return nil }
        let size = count(in: entry.cohort)
        let above = countAbove(entry.points, in: entry.cohort)
        return CohortPosition(
            cohort: entry.cohort, points: entry.points, rank: above + 1, cohortSize: size,
            percentile: Decimal(size - above).divided(by: Decimal(size)))
    }

    /// The first of `tiers` (best first) the subject falls in, or `nil` (see ``PercentileTier``).
    public func tier(of subject: String, tiers: [PercentileTier]) -> PercentileTier? {
        guard let position = position(of: subject) else { return nil }
        return tiers.first { $0.includes(rank: position.rank, cohortSize: position.cohortSize) }
    }

    /// The cohort's subjects in rank order, from position `offset` (0-based), at most `limit` of them.
    public func ranked(in cohort: CohortKey, offset: Int = 0, limit: Int = .max) -> [RankedSubject] {
        guard let tree = trees[cohort], limit > 0 else { return [] }
        let keys = tree.elements(from: offset, limit: limit)
        var result: [RankedSubject] = []
        result.reserveCapacity(keys.count)
        var previousKey: RankKey?
        for key in keys {
            let rank: Int
            if let previous = previousKey, let last = result.last, previous.hasSamePoints(as: key) {
                rank = last.rank
            } else {
                rank = tree.prefixCount { $0.hasMorePoints(than: key) } + 1
            }
            previousKey = key
            result.append(RankedSubject(subject: key.subject, points: key.points, rank: rank))
        }
        return result
    }

    /// Whether every cohort's tree is well formed and matches the entries (for tests).
    func isConsistent() -> Bool {
        let treeTotal = trees.values.reduce(0) { $0 + $1.count }
        return treeTotal == entries.count && trees.values.allSatisfy { $0.isValid() && $0.count > 0 }
    }

    private mutating func removeFromTree(_ subject: String, _ entry: Entry) {
        trees[entry.cohort]?.remove(RankKey(points: entry.points, subject: subject))
        if trees[entry.cohort]?.count == 0 { trees[entry.cohort] = nil }
    }
}
