import KechuangTestSupport
import Foundation
import ZeroMQ

/// A private temporary directory for ipc endpoints, removed by `remove()`. Paths stay well under 107 bytes.
struct TestDirectory {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/kz-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// `ipc://<directory>/<name>`.
    func endpoint(_ name: String) -> String { "ipc://\(path)/\(name)" }

    /// Filesystem path of `name` in the directory.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Thrown when an awaited event did not happen in time.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with ``TimedOut`` if it has not finished within `limit` (the body is cancelled).
///
/// The default is generous on purpose: it only bounds a failure. The whole suite runs in parallel on two cores beside
/// a dozen service processes and a browser, and a CI run once saw the 200-message PUSH/PULL exchange (0.3 s alone,
/// even with eight busy loops beside it) exceed 10 s.
func withTimeout<T: Sendable>(
    _ what: String, _ limit: Duration = .seconds(30), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withDeadline(limit, orThrow: TimedOut(what: what), body)
}

/// Receive timeout used by synchronous tests so a failure ends instead of hanging.
let testReceiveTimeout = SocketOption.receiveTimeout(.seconds(5))

extension Frame {
    /// Convenience for tests: the frame's text or an empty string.
    var text: String { string ?? "" }
}

/// The texts of a multipart message.
func texts(_ frames: [Frame]?) -> [String] { frames?.map(\.text) ?? [] }

/// A PULL socket bound (with the test receive timeout) and a PUSH socket connected to `name` in `directory`,
/// with their context: the setup most synchronous socket tests share.
func pushPull(in directory: TestDirectory, _ name: String) throws -> (context: Context, push: Socket, pull: Socket) {
    let context = try Context()
    let pull = try context.socket(.pull)
    try pull.set(testReceiveTimeout)
    try pull.bind(directory.endpoint(name))
    let push = try context.socket(.push)
    try push.connect(directory.endpoint(name))
    return (context, push, pull)
}
