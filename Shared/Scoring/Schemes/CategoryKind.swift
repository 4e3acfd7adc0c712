import Foundation

/// Whether a category's indicators make up the base points or are bonus (加分) items.
public enum CategoryKind: String, Sendable, Hashable, CaseIterable {
    /// Base indicators: their weights sum to the scale's base in every stage.
    case base
    /// Bonus (加分) items: added on top of the base, limited by the category cap and the scale's bonus cap.
    case bonus
}
