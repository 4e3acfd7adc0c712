import Dispatch

/// Runs blocking file work (appends, fsync, secret files) on a dispatch queue, never on Swift's cooperative pool.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "kechuang.notify.io", qos: .utility, attributes: .concurrent)

    /// The result of `work`, run on the I/O queue (or on `queue` when given, e.g. one serial queue per outbox).
    static func run<T: Sendable>(on queue: DispatchQueue? = nil, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            (queue ?? Self.queue).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
