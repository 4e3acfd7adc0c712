import Foundation
import KechuangTestSupport
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 (an ephemeral port) for delivery tests: it records every request and answers
/// from a script (status and body, or never), then with the default answer.
final class TestHTTPServer: Sendable {
    /// A request as received.
    struct Received: Sendable {
        var method: String
        var uri: String
        var headers: [String: String]
        var body: Data

        /// The query parameters of the URI.
        var query: [String: String] {
            guard let components = URLComponents(string: uri) else { return [:] }
            var result: [String: String] = [:]
            for item in components.queryItems ?? [] { result[item.name] = item.value }
            return result
        }
    }

    /// How to answer one request.
    enum Answer: Sendable {
        /// This status with this body.
        case status(Int, String)
        /// Never answer (the client must time out).
        case hang
    }

    private struct State {
        var script: [Answer]
        var fallback: Answer
        var received: [Received] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>
    private let channel: Mutex<(any Channel)?> = Mutex(nil)
    /// The bound port.
    let port: Int

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    private init(script: [Answer], fallback: Answer, channel: any Channel, port: Int) {
        state = Mutex(State(script: script, fallback: fallback))
        self.channel.withLock { $0 = channel }
        self.port = port
    }

    /// Starts a server answering `script` in order, then `fallback`.
    static func start(script: [Answer] = [], fallback: Answer = .status(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")) async throws -> TestHTTPServer {
        let box = ServerBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(box: box))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = TestHTTPServer(script: script, fallback: fallback, channel: channel, port: channel.localAddress?.port ?? 0)
        box.server.withLock { $0 = server }
        return server
    }

    /// Every request so far.
    var received: [Received] { state.withLock { $0.received } }

    /// Waits until at least `count` requests arrived (or `timeout` passes) and returns them.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [Received] {
        _ = try await withDeadline(timeout) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = self.state.withLock { state -> Bool in
                    if state.received.count >= count { return true }
                    state.waiters.append((count, continuation))
                    return false
                }
                if now { continuation.resume() }
            }
        }
        return received
    }

    /// Stops listening.
    func stop() async {
        let channel = channel.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try? await channel?.close()
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.waiters = [] }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume() }
    }

    fileprivate func record(_ request: Received) -> Answer {
        let (answer, ready) = state.withLock { state -> (Answer, [CheckedContinuation<Void, Never>]) in
            state.received.append(request)
            let answer = state.script.isEmpty ? state.fallback : state.script.removeFirst()
            let ready = state.waiters.filter { $0.count <= state.received.count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= state.received.count }
            return (answer, ready)
        }
        for waiter in ready { waiter.resume() }
        return answer
    }

    private final class ServerBox: Sendable {
        let server = Mutex<TestHTTPServer?>(nil)
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let box: ServerBox
        private var head: HTTPRequestHead?
        private var body = Data()

        init(box: ServerBox) {
            self.box = box
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = Data()
            case .body(var buffer):
                if let bytes = buffer.readBytes(length: buffer.readableBytes) { body.append(contentsOf: bytes) }
            case .end:
                guard let head, let server = box.server.withLock({ $0 }) else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let answer = server.record(Received(method: "\(head.method)", uri: head.uri, headers: headers, body: body))
                guard case .status(let code, let text) = answer else { return }
                var responseHeaders = HTTPHeaders()
                responseHeaders.add(name: "Content-Type", value: "application/json")
                responseHeaders.add(name: "Content-Length", value: "\(text.utf8.count)")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(
                    version: head.version, status: HTTPResponseStatus(statusCode: code), headers: responseHeaders))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
