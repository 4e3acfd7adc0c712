import Foundation

/// How one negative item applied to a subject.
public struct NegativeItemResult: Sendable, Hashable {
    /// The item.
    public var item: NegativeItem
    /// The raw value of its source, or `nil` when missing (a missing source never triggers).
    public var raw: Decimal?
    /// Why the raw value is missing, or `nil`.
    public var missing: MissingReason?
    /// Whether the item was triggered.
    public var triggered: Bool
    /// The points deducted (after the item's cap; 0 for a veto or when not triggered).
    public var deduction: Decimal

    /// Creates a result.
    public init(item: NegativeItem, raw: Decimal?, missing: MissingReason?, triggered: Bool, deduction: Decimal) {
        self.item = item
        self.raw = raw
        self.missing = missing
        self.triggered = triggered
        self.deduction = deduction
    }

    /// Whether this item vetoes the score (一票否决).
    public var vetoes: Bool { triggered && item.effect == .veto }
}
