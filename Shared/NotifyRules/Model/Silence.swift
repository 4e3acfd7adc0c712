import Foundation

/// A silence: firings whose labels satisfy every matcher are not sent until `endsAt` (persisted by the service,
/// managed with `kechuang silence add|list|expire`).
public struct Silence: Sendable, Hashable, Codable {
    /// Id (`s-…`).
    public var id: String
    /// All must hold.
    public var matchers: [LabelMatcher]
    /// Start.
    public var startsAt: Date
    /// End (exclusive); an expired silence has `endsAt` ≤ now.
    public var endsAt: Date
    /// Who asked.
    public var createdBy: String
    /// Why.
    public var comment: String

    /// Creates a silence.
    public init(id: String, matchers: [LabelMatcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// Whether the silence is in force at `now`.
    public func isActive(at now: Date) -> Bool {
        startsAt <= now && now < endsAt
    }

    /// Whether it silences a firing with `labels` at `now`.
    public func silences(_ labels: [String: String], at now: Date) -> Bool {
        isActive(at: now) && matchers.allSatisfy { $0.matches(labels) }
    }
}
