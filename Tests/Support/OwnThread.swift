import Foundation

/// Runs `work` on a thread of its own and returns its result: for a test that computes for seconds.
///
/// Swift Testing runs tests on the cooperative pool, one thread per core. A test computing there for seconds holds a
/// thread that hundreds of other tests' awaits need (replies, readiness lines, their own deadlines); on two cores, two
/// such tests at once starved the rest past their timeouts, and a `ServiceGroup` past its cancellation deadline
/// (which stops the process). A thread of its own leaves the pool free and lets the kernel share the cores.
///
/// `work` runs outside the test's task, so it must not record issues (`#expect`): return what to check.
public func computedOnItsOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.name = "test-compute"
        thread.stackSize = 16 << 20
        thread.start()
    }
}
