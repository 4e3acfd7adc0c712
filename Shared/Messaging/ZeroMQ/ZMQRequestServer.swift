import Foundation
import Logging
import ZeroMQ

/// ``RequestServer`` on a ZeroMQ ROUTER socket owned by a ``SocketLoop``: serves any number of REQ and
/// DEALER clients.
///
/// Received messages are `[routing id, "" (optional delimiter), topic, header, body]`; replies go back with
/// the same routing id and delimiter (REQ clients need the delimiter; DEALER clients may omit it).
/// Malformed requests are answered with an ``ErrorReply`` here and never reach ``requests``.
public final class ZMQRequestServer: RequestServer {
    /// The underlying socket.
    public let socket: LoopSocket
    /// Well-formed requests in arrival order.
    public let requests: AsyncStream<IncomingRequest>

    /// Wraps an open ROUTER socket.
    public init(
        socket: LoopSocket, headers: HeaderFactory, registry: MessageRegistry? = nil,
        logger: Logger = Logger(label: "kechuang.messaging")
    ) {
        self.socket = socket
        let source = IteratorBox(socket.incoming)
        requests = AsyncStream(unfolding: {
            while let frames = await source.next() {
                guard let identity = frames.first, frames.count >= 2 else { continue }
                let hasDelimiter = frames[1].isEmpty
                let routing = hasDelimiter ? [identity, Frame()] : [identity]
                let body = frames[routing.count...]
                do throws(EnvelopeError) {
                    let envelope = try EnvelopeCodec.decode(body, registry: registry)
                    return IncomingRequest(envelope: envelope, headers: headers) { reply in
                        try await socket.send(routing + EnvelopeCodec.frames(reply))
                    }
                } catch {
                    logger.warning(
                        "rejected malformed request",
                        metadata: ["error": "\(error)", "code": "\(error.code)", "frames": "\(body.count)"])
                    let correlation = Self.requestID(in: body)
                    let header = headers.header(for: ErrorReply.self, correlation: correlation)
                    if let reply = try? Envelope(ErrorReply(error), header: header) {
                        try? await socket.send(routing + EnvelopeCodec.frames(reply))
                    }
                }
            }
            return nil
        })
    }

    /// Opens a ROUTER socket on `loop` bound to `endpoint`.
    public static func bind(
        _ endpoint: String, on loop: SocketLoop, source: String,
        options: [SocketOption] = [.routerMandatory(false)], registry: MessageRegistry? = nil,
        logger: Logger = Logger(label: "kechuang.messaging")
    ) async throws -> ZMQRequestServer {
        let socket = try await loop.open(.router, options: options) { try $0.bind(endpoint) }
        return ZMQRequestServer(socket: socket, headers: HeaderFactory(source: source), registry: registry, logger: logger)
    }

    /// Closes the socket; ``requests`` finishes.
    public func close() async {
        await socket.close()
    }

    /// The request id of a malformed request, when its header can still be read.
    static func requestID(in frames: ArraySlice<Frame>) -> String? {
        guard frames.count >= 2 else { return nil }
        let header = frames[frames.startIndex + 1]
        return try? EnvelopeCodec.decodeHeader(header.data).id
    }
}
