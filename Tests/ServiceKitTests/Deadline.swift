/// Runs `body` against a deadline: its value, or `nil` when `timeout` passes first (`body` is then cancelled).
/// The one place ServiceKitTests bound a wait; tests wait for events (async signals), never poll.
func withDeadline<T: Sendable>(
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
