import Foundation

/// What a triggered negative item does.
public enum NegativeEffect: Sendable, Hashable {
    /// 一票否决: the total is 0 and the subject gets no grade.
    case veto
    /// 扣分: deduct these points once.
    case deduct(Decimal)
    /// 扣分 per unit: deduct these points for every unit of the raw value (e.g. per incident).
    case deductPerUnit(Decimal)
}
