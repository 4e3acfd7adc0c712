import Synchronization

/// The service's one ``MetricsLogic`` behind a `Mutex`, so that the (`Sendable`) database-writer closure can
/// mutate it in place while a batch is applied (no copy of the aggregates per batch). If a batch's transaction
/// fails, the logic may hold effects that were rolled back: ``MetricsStore/apply(_:to:)`` then reloads it from
/// the database.
public final class SharedMetricsLogic: Sendable {
    private let logic: Mutex<MetricsLogic>

    /// Wraps `logic`.
    public init(_ logic: MetricsLogic) {
        self.logic = Mutex(logic)
    }

    /// A copy of the current logic (for tests and reports; the service never needs one).
    public var current: MetricsLogic { logic.withLock { $0 } }

    /// Number of current values.
    public var valueCount: Int { logic.withLock { $0.state.values.count } }

    /// Runs `body` with exclusive, in-place access to the logic.
    func withLogic<Result>(_ body: (inout MetricsLogic) throws -> Result) rethrows -> Result {
        try logic.withLock { try body(&$0) }
    }

    /// Replaces the logic (after a failed transaction, with the state reloaded from the database).
    func replace(_ replacement: MetricsLogic) {
        logic.withLock { $0 = replacement }
    }
}
