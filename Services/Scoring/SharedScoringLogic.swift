import Synchronization

/// The service's one ``ScoringLogic``, mutated in place while a batch is applied (on the database writer, or on the
/// thread that scores a large batch beside it) and read by queries. If a batch's transaction fails, the logic may
/// hold effects that were rolled back: ``ScoringStore/apply(_:to:)`` then rebuilds it from the database.
final class SharedScoringLogic: Sendable {
    private let logic: Mutex<ScoringLogic>

    /// Wraps `logic`.
    init(_ logic: ScoringLogic) {
        self.logic = Mutex(logic)
    }

    /// Runs `body` with exclusive, in-place access to the logic.
    func withLogic<Result>(_ body: (inout ScoringLogic) throws -> Result) rethrows -> Result {
        try logic.withLock { try body(&$0) }
    }

    /// Replaces the logic (after a failed transaction, rebuilt from the database).
    func replace(_ replacement: ScoringLogic) {
        logic.withLock { $0 = replacement }
    }
}
