import Logging
import Messaging
import ServiceKit
import ServiceLifecycle

/// Assembles one Kechuang service in the one shape every service has: the stream it owns, the streams it follows,
/// its request endpoints, and its periodic jobs — over one ``StreamTransport``. The service's own logic lives in its
/// handlers; the builder only binds, wires and orders. Nothing runs until ``StreamService/run()``.
///
/// Order matters only for shutdown, and the builder fixes it: on a graceful shutdown the service stops announcing,
/// stops following (so nothing new is applied), ends its periodic jobs, finishes the requests in flight, publishes
/// the owned stream's committed tail, and finally closes the transport.
///
/// ```swift
/// var builder = StreamServiceBuilder(name: "scoring", transport: transport, logger: logger)
/// let head = CommittedHead()                  // advanced by apply, watched by the owner
/// let follower = builder.follow(ingestConfiguration, lastApplied: try await store.lastApplied()) { entries in
///     head.advance(to: try await store.apply(entries))
/// }
/// try await builder.own(
///     stream: "scoring", publish: (.scoringPublish, configuration.publish), sync: (.scoringSync, configuration.sync),
///     log: store.logReader, head: head, handler: ScoringSyncHandler(store: store, follower: follower))
/// try await builder.serve((.scoringRequest, configuration.request), handler: ScoringRequestHandler(store: store))
/// let service = builder.build(readyTimeout: configuration.readyTimeout, environment: configuration.environment)
/// try await service.run()
/// ```
public struct StreamServiceBuilder {
    /// The service's name (readiness line, request and heartbeat header `source`).
    public let name: String
    /// What every endpoint is opened on.
    public let transport: any StreamTransport
    private let logger: Logger
    private var owners: [StreamOwnerService] = []
    private var servers: [any Service] = []
    private var periodic: [any Service] = []
    private var followers: [StreamFollowerService] = []
    private var endpoints: [String: String] = [:]

    /// Starts assembling service `name` on `transport`.
    public init(name: String, transport: any StreamTransport, logger: Logger) {
        self.name = name
        self.transport = transport
        self.logger = logger
    }

    /// Binds the owned stream's publish and sync endpoints and prepares its owner: it publishes what `log` holds up
    /// to `head` (advanced by the log's writer), heartbeats, answers replays, and hands other sync requests to
    /// `handler`.
    /// - Throws: the transport's error binding (e.g. an endpoint already in use), or reading the log's head.
    @discardableResult
    public mutating func own(
        stream: String, publish: (name: EndpointName, endpoint: String), sync: (name: EndpointName, endpoint: String),
        log: any StreamLogReader, head: CommittedHead, heartbeatInterval: Duration = .seconds(1),
        handler: (any RequestHandler)? = nil
    ) async throws -> StreamOwnerService {
        let publisher = try await transport.publisher(bindingTo: publish.endpoint)
        endpoints[publish.name.rawValue] = publisher.endpoint
        let syncServer = try await transport.requestServer(bindingTo: sync.endpoint, source: name, limits: .queries)
        endpoints[sync.name.rawValue] = syncServer.endpoint
        let owner = StreamOwnerService(
            owner: StreamOwner(stream: stream), reader: log, head: head, publishedThrough: try await log.head,
            publisher: publisher.value, syncServer: syncServer.value, headers: HeaderFactory(source: name),
            heartbeatInterval: heartbeatInterval, handler: handler, logger: logger)
        owners.append(owner)
        return owner
    }

    /// Prepares a follower of another service's stream (see ``StreamFollowerService``). Readiness waits until it
    /// has caught up once (or the ready timeout passes).
    public mutating func follow(
        _ configuration: StreamFollowerConfiguration, lastApplied: UInt64,
        loadSnapshot: StreamFollowerService.SnapshotHandler? = nil,
        apply: @escaping StreamFollowerService.ApplyHandler
    ) -> StreamFollowerService {
        let follower = StreamFollowerService(
            configuration: configuration, transport: transport, lastApplied: lastApplied, logger: logger,
            loadSnapshot: loadSnapshot, apply: apply)
        followers.append(follower)
        return follower
    }

    /// Binds a request endpoint answered by `handler`, up to `maxConcurrent` requests at once, within `limits`
    /// (default: a query endpoint's 64 KiB requests; see ``RequestLimits``).
    /// - Throws: the transport's error binding.
    public mutating func serve(
        _ endpoint: (name: EndpointName, endpoint: String), limits: RequestLimits = .queries, maxConcurrent: Int = 64,
        handler: any RequestHandler
    ) async throws {
        let server = try await transport.requestServer(bindingTo: endpoint.endpoint, source: name, limits: limits)
        endpoints[endpoint.name.rawValue] = server.endpoint
        servers.append(RequestService(server: server.value, handler: handler, maxConcurrent: maxConcurrent))
    }

    /// Names an address the service serves outside the transport (e.g. the web front's `web.http` URL) in its
    /// readiness line, beside the endpoints bound on the transport.
    public mutating func announce(_ name: String, address: String) {
        endpoints[name] = address
    }

    /// Adds a job run now and then every `interval` until shutdown.
    public mutating func every(_ interval: Duration, name: String, _ job: @escaping @Sendable () async -> Void) {
        periodic.append(PeriodicService(name: name, every: interval, job))
    }

    /// Adds a long-running service of the service's own (e.g. notify's delivery workers), started after the request
    /// endpoints and stopped, on a graceful shutdown, after the followers (so nothing new arrives while it drains).
    public mutating func add(_ service: any Service) {
        periodic.append(service)
    }

    /// The assembled service. Readiness is announced (with the endpoints as bound) once every follower has caught up,
    /// or after `readyTimeout` with a warning; with a supervisor in `environment`, the service stops when it is gone.
    public func build(
        readyTimeout: Duration, environment: ServiceEnvironment, announcer: ReadinessAnnouncer = ReadinessAnnouncer()
    ) -> StreamService {
        let followers = followers
        let logger = logger
        let readiness = ReadinessService(
            line: ReadinessLine(service: name, endpoints: endpoints), announcer: announcer, logger: logger
        ) {
            var all = true
            for follower in followers where !(await follower.waitUntilCaughtUp(timeout: readyTimeout)) {
                all = false
                logger.warning(
                    "upstream unreachable or not caught up yet; ready anyway, following it in the background",
                    metadata: [
                        "upstream": "\(follower.configuration.stream)",
                        "applied": "\(follower.lastApplied)",
                    ])
            }
            return all
        }
        var members: [ServiceRunner.Member] = owners.map { ServiceRunner.Member($0) }
        members += servers.map { ServiceRunner.Member($0) }
        members += periodic.map { ServiceRunner.Member($0) }
        members += followers.map { ServiceRunner.Member($0) }
        members.append(ServiceRunner.Member(readiness, ending: .isIgnored))
        if let watch = ParentWatchService.forEnvironment(environment, logger: logger) {
            members.append(ServiceRunner.Member(watch, ending: .shutsDownGroup))
        }
        return StreamService(
            name: name, endpoints: endpoints, members: members, owners: owners, followers: followers,
            transport: transport, logger: logger)
    }
}
