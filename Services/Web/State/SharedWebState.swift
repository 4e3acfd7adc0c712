import Synchronization

/// The ``WebState`` shared between the followers (writers) and the HTTP handlers (readers), behind a mutex held
/// only for in-memory work (never across an `await`).
public final class SharedWebState: Sendable {
    private let state: Mutex<WebState>

    /// Wraps `initial`.
    public init(_ initial: WebState = WebState()) {
        state = Mutex(initial)
    }

    /// Reads the state.
    public func read<T: Sendable>(_ body: (borrowing WebState) throws -> T) rethrows -> T {
        try state.withLock { try body($0) }
    }

    /// Changes the state.
    public func update<T: Sendable>(_ body: (inout WebState) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }
}
