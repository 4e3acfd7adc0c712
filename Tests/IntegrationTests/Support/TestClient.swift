import KechuangTestSupport
import Foundation
import Messaging
import ZeroMQ

/// A test-side client of a running service: its own `SocketLoop`, a DEALER request client and optional SUB
/// subscribers. Call ``close()`` at the end of the test.
final class TestClient: Sendable {
    /// The loop owning this client's sockets.
    let loop: SocketLoop
    /// The request client (DEALER) connected to the service's request or sync endpoint.
    let requests: ZMQRequestClient

    /// Connects a DEALER to `endpoint`.
    init(endpoint: String, source: String = "test") async throws {
        loop = try SocketLoop(name: "kechuang.test-client")
        requests = try await ZMQRequestClient.connect(endpoint, on: loop, source: source)
    }

    /// Sends `message` and decodes the reply as `R` (an ``ErrorReply`` throws `RequestError.rejected`).
    func request<M: WireMessage, R: WireMessage>(
        _ message: M, expecting type: R.Type, timeout: Duration = .seconds(20)
    ) async throws -> R {
        try await requests.request(message, expecting: type, timeout: timeout)
    }

    /// Sends `message` and returns the raw reply envelope.
    func request<M: WireMessage>(_ message: M, timeout: Duration = .seconds(20)) async throws -> Envelope {
        try await requests.request(message, timeout: timeout)
    }

    /// Sends raw frames on a separate DEALER (for malformed-request tests) and returns the reply frames.
    func rawExchange(endpoint: String, frames: [Frame], timeout: Duration = .seconds(10)) async throws -> [Frame]? {
        let socket = try await loop.open(.dealer, options: [.linger(.zero)]) { try $0.connect(endpoint) }
        defer { Task { await socket.close() } }
        try await socket.send(frames)
        return try await withDeadline(timeout) { () async -> [Frame]? in
            for await reply in socket.incoming { return reply }
            return nil
        } ?? nil
    }

    /// A SUB socket on this client's loop connected to `endpoint` and subscribed to `prefixes`.
    func subscribe(_ endpoint: String, prefixes: [Topic]) async throws -> ZMQSubscriber {
        try await ZMQSubscriber.connect([endpoint], prefixes: prefixes, on: loop)
    }

    /// Closes the sockets and the loop.
    func close() async {
        await requests.close()
        await loop.shutdown()
    }
}
