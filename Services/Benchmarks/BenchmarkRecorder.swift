import Synchronization

/// Shared mutable measurements, written from subscriber and request tasks of a benchmark.
final class BenchmarkRecorder<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { state.withLock { body(&$0) } }
}
