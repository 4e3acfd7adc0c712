import Contracts
import Foundation
import Messaging
import ZeroMQ

/// A DEALER connection to one service endpoint on a private socket loop (the loop's thread owns the socket).
final class ServiceClient: Sendable {
    /// Service name, for messages.
    let service: String
    /// The endpoint URL.
    let endpoint: String
    private let loop: SocketLoop
    private let client: ZMQRequestClient

    private init(service: String, endpoint: String, loop: SocketLoop, client: ZMQRequestClient) {
        self.service = service
        self.endpoint = endpoint
        self.loop = loop
        self.client = client
    }

    /// Connects (ZeroMQ connects lazily: an absent server shows up as a request timeout).
    /// `tcp://` endpoints need CURVE keys in `security` (see docs/operations.md, "TCP and CURVE").
    static func connect(service: String, endpoint: String, security: TransportSecurity) async throws -> ServiceClient {
        let loop = try SocketLoop(name: "kechuang.cli.\(service)")
        do {
            let curve = try security.clientOptions(for: endpoint)
            let client = try await ZMQRequestClient.connect(
                endpoint, on: loop, source: "kechuang-cli",
                options: [.linger(.zero), .sendHighWaterMark(100_000), .receiveHighWaterMark(100_000)] + curve)
            return ServiceClient(service: service, endpoint: endpoint, loop: loop, client: client)
        } catch {
            await loop.shutdown()
            throw CLIError.serviceUnavailable(service: service, endpoint: endpoint, reason: "\(error)")
        }
    }

    /// Sends `message` and returns the reply envelope.
    func request<M: WireMessage>(_ message: M, timeout: Duration) async throws -> Envelope {
        do {
            return try await client.request(message, timeout: timeout)
        } catch let error as RequestError {
            throw CLIError.serviceUnavailable(service: service, endpoint: endpoint, reason: error.description)
        }
    }

    /// Sends `message` and returns the reply envelope, with the transport's own errors (``RequestError``,
    /// `SocketLoopError`, `CancellationError`) so that callers can tell a timeout from a failed send.
    func attempt<M: WireMessage>(_ message: M, timeout: Duration) async throws -> Envelope {
        try await client.request(message, timeout: timeout)
    }

    /// Sends `message` and decodes the reply as `R` (an error reply becomes a ``CLIError``).
    func request<M: WireMessage, R: WireMessage>(_ message: M, expecting: R.Type, timeout: Duration) async throws -> R {
        do {
            return try await client.request(message, expecting: R.self, timeout: timeout)
        } catch let error as RequestError {
            throw CLIError.serviceUnavailable(service: service, endpoint: endpoint, reason: error.description)
        }
    }

    /// Closes the socket and stops the loop thread.
    func close() async {
        await client.close()
        await loop.shutdown(linger: .zero)
    }
}
