import Domain
import Foundation

/// A band of latest-year sales with the minimum three-year R&D ratio it requires.
///
/// The 2016 rules: sales ≤ ¥50 M → 5 %, ¥50–200 M → 4 %, > ¥200 M → 3 %. The official wording is
/// "5,000万元（含）以下 / 5,000万元至2亿元（含） / 2亿元以上", so each upper bound belongs to its own band:
/// exactly ¥50 M needs 5 %, exactly ¥200 M needs 4 %, and only sales above ¥200 M need 3 %.
public struct HighTechRDBand: Codable, Sendable, Hashable {
    /// The highest latest-year sales in this band (inclusive), or `nil` for the open top band.
    public var salesUpTo: Money?
    /// The minimum ratio of three-year R&D expense to three-year sales, in percent (`4` = 4 %).
    public var minimumPercent: Decimal

    /// Creates a band.
    public init(salesUpTo: Money?, minimumPercent: Decimal) {
        self.salesUpTo = salesUpTo
        self.minimumPercent = minimumPercent
    }

    /// Whether `sales` falls in this band, ignoring lower bands (bands are tried from the lowest).
    public func admits(_ sales: Money) -> Bool {
        guard let salesUpTo else { return true }
        return sales <= salesUpTo
    }
}
