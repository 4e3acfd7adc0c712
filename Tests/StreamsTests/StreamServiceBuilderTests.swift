import Logging
import Messaging
import ServiceKit
import ServiceLifecycle
@testable import Streams
import Synchronization
import Testing

/// The one service shape, assembled on the in-memory transport: an upstream service owning a stream, and a service
/// that follows it, owns its own stream and serves requests — announced, run and shut down the way ingest and
/// metrics are.
@Suite struct StreamServiceBuilderTests {
    private static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Answers `test.sample` requests with how far the follower got (stands for a status handler).
    private struct ProgressHandler: RequestHandler {
        let follower: StreamFollowerService
        func handle(_ request: Envelope) async -> any WireMessage {
            Sample(name: "applied", value: Int(follower.progress.lastApplied))
        }
    }

    /// Hands every readiness line to a stream.
    private struct LineSink: LogLineSink {
        let continuation: AsyncStream<String>.Continuation
        func write(line: String) { continuation.yield(line) }
    }

    @Test func aFollowingServiceAnnouncesItsEndpointsOnceCaughtUpAndRepublishesWhatItApplied() async throws {
        let bus = InMemoryBus()
        let transport = InMemoryStreamTransport(bus: bus)
        let environment = try ServiceEnvironment.resolve(
            service: "downstream", options: try CommonOptions.parse([]), resolver: ConfigResolver(environment: ["HOME": "/tmp"]))

        // Upstream: owns "metrics" (the test stream), nothing else.
        let upstreamLog = SampleLog(count: 25)
        let upstreamHead = CommittedHead()
        var upstream = StreamServiceBuilder(name: "upstream", transport: transport, logger: Self.logger)
        try await upstream.own(
            stream: "metrics", publish: (EndpointName(rawValue: "up.pub"), "up.pub"),
            sync: (EndpointName(rawValue: "up.sync"), "up.sync"), log: upstreamLog, head: upstreamHead,
            heartbeatInterval: .milliseconds(20))
        let upstreamService = upstream.build(readyTimeout: .zero, environment: environment)

        // Downstream: follows upstream, owns "down" (here: a copy of what it applied), serves down.req.
        let downstreamLog = SampleLog(stream: "down")
        let downstreamHead = CommittedHead()
        let applied = AppliedLog()
        var downstream = StreamServiceBuilder(name: "downstream", transport: transport, logger: Self.logger)
        let follower = downstream.follow(
            StreamFollowerConfiguration(
                stream: "metrics", publishEndpoint: "up.pub", syncEndpoint: "up.sync", prefixes: [Topic("sample")],
                source: "downstream", retryInitial: .milliseconds(5), tickInterval: .milliseconds(20)),
            lastApplied: 0
        ) { envelopes in
            applied.apply(envelopes)
            var head: UInt64 = 0
            for _ in envelopes { head = downstreamLog.append() }
            downstreamHead.advance(to: head)
        }
        try await downstream.own(
            stream: "down", publish: (EndpointName(rawValue: "down.pub"), "down.pub"),
            sync: (EndpointName(rawValue: "down.sync"), "down.sync"), log: downstreamLog, head: downstreamHead,
            heartbeatInterval: .milliseconds(20))
        try await downstream.serve((EndpointName(rawValue: "down.req"), "down.req"), handler: ProgressHandler(follower: follower))
        let (lines, linesContinuation) = AsyncStream<String>.makeStream()
        let downstreamService = downstream.build(
            readyTimeout: .seconds(20), environment: environment,
            announcer: ReadinessAnnouncer(sink: LineSink(continuation: linesContinuation)))
        #expect(downstreamService.endpoints == ["down.pub": "down.pub", "down.sync": "down.sync", "down.req": "down.req"])
        #expect(downstreamService.members.map(\.ending).last == .isIgnored)  // readiness is one-shot

        let downSubscriber = bus.subscriber()
        try await downSubscriber.subscribe(Topic("sample"))
        try await within {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await upstreamService.run(deadlines: .sharedProcess) }
                tasks.addTask { try await downstreamService.run(deadlines: .sharedProcess) }
                var iterator = lines.makeAsyncIterator()
                let line = ReadinessLine.parse(await iterator.next() ?? "")
                #expect(line?.service == "downstream")
                #expect(line?.endpoints == downstreamService.endpoints)
                #expect(applied.applied == Array(1...25))  // ready only once caught up

                // Live: upstream commits more; downstream applies and republishes them on its own stream.
                for _ in 0..<5 { upstreamHead.advance(to: upstreamLog.append()) }
                #expect(await applied.wait(through: 30, timeout: .seconds(10)))
                var republished: [UInt64] = []
                for await envelope in downSubscriber.envelopes where envelope.header.source == "down" {
                    republished.append(envelope.sequence ?? 0)
                    if republished.last == 30 { break }
                }
                #expect(republished.last == 30)

                let client = bus.requestClient(to: "down.req", source: "test")
                let reply = try await client.request(Sample(name: "q", value: 0), expecting: Sample.self)
                #expect(reply.value == 30)
                tasks.cancelAll()
                try? await tasks.waitForAll()
            }
        }
    }
}
