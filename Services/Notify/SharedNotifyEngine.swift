import NotifyRules
import Synchronization

/// The one ``NotifyRules/NotifyEngine`` of the service, shared by the followers' apply, the flush job, the
/// silence requests and SIGHUP. Every mutation happens inside a database write (on GRDB's writer queue, never on
/// the cooperative pool), so the engine and its persisted state change together.
final class SharedNotifyEngine: Sendable {
    private let engine: Mutex<NotifyEngine>

    init(_ engine: NotifyEngine) {
        self.engine = Mutex(engine)
    }

    /// Runs `body` on the engine; on a throw the engine's state is put back as it was.
    func mutate<T>(_ body: (inout NotifyEngine) throws -> T) rethrows -> T {
        try engine.withLock { engine in
            let saved = engine.state
            do {
                return try body(&engine)
            } catch {
                engine.state = saved
                throw error
            }
        }
    }

    /// Reads the engine.
    func read<T>(_ body: (NotifyEngine) -> T) -> T {
        engine.withLock { body($0) }
    }
}
