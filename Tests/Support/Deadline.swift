/// Runs `body` against a deadline: its value, or `nil` when `timeout` passes first (`body` is then cancelled).
///
/// The one timeout race shared by every test target: what it bounds is always a wait for an event (a reply, a
/// received message, a readiness line), never a poll.
public func withDeadline<T: Sendable>(
    _ timeout: Duration = .seconds(10), _ body: @escaping @Sendable () async throws -> T
) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            // Deadline of the race (not a wait for something to happen): fires only if `body` never finishes.
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}

/// Runs `body`, throwing `error` if it has not finished within `timeout` (the body is then cancelled).
public func withDeadline<T: Sendable>(
    _ timeout: Duration, orThrow error: @autoclosure @escaping @Sendable () -> any Error,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let value = try await withDeadline(timeout, body) else { throw error() }
    return value
}
