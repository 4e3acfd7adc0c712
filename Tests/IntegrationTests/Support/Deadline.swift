/// Runs `body` against a deadline: its value, or `nil` when `timeout` passes first (`body` is then cancelled).
/// The one timeout race of the integration tests: every bounded wait (latches, replies, catch-up) goes through it,
/// and what it bounds is always a wait for an event, never a poll.
func withDeadline<T: Sendable>(
    _ timeout: Duration, _ body: @escaping @Sendable () async throws -> T
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
