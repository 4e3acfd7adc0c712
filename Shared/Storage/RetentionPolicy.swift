import Foundation

/// How long a stream log keeps entries for replay.
///
/// An entry is pruned only when it is BOTH older than ``minimumAge`` AND not among the ``minimumCount`` most recent
/// entries. The default keeps at least 7 days or at least 1 000 000 entries, whichever retains more.
/// The newest entry is never pruned, so the head sequence (and gap-free numbering) survives pruning.
public struct RetentionPolicy: Sendable, Equatable {
    /// Entries younger than this are always kept.
    public let minimumAge: Duration
    /// The most recent this-many entries are always kept (at least 1).
    public let minimumCount: Int

    /// The project default: 7 days or 1 000 000 entries.
    public static let standard = RetentionPolicy(uncheckedAge: .seconds(7 * 24 * 3600), count: 1_000_000)

    /// Creates a policy.
    /// - Throws: ``StorageError/invalidRetention(field:value:reason:)`` when the age is negative or the count below 1.
    public init(minimumAge: Duration, minimumCount: Int) throws {
        guard minimumAge >= .zero else {
            throw StorageError.invalidRetention(field: "minimumAge", value: "\(minimumAge)", reason: "must not be negative")
        }
        guard minimumCount >= 1 else {
            throw StorageError.invalidRetention(field: "minimumCount", value: "\(minimumCount)", reason: "must be at least 1 (the head entry is always kept)")
        }
        self.init(uncheckedAge: minimumAge, count: minimumCount)
    }

    private init(uncheckedAge: Duration, count: Int) {
        self.minimumAge = uncheckedAge
        self.minimumCount = count
    }

    /// The minimum age in whole milliseconds.
    var minimumAgeMilliseconds: Int64 {
        let (seconds, attoseconds) = minimumAge.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
