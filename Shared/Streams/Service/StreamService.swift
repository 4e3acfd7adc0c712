import Logging
import ServiceKit

/// A Kechuang service as ``StreamServiceBuilder`` assembled it: ready to run.
public struct StreamService: Sendable {
    /// The service's name.
    public let name: String
    /// The endpoints as bound, by name (what the readiness line announces).
    public let endpoints: [String: String]
    /// The group's members in start order (a graceful shutdown stops them in reverse).
    public let members: [ServiceRunner.Member]
    /// The owned stream's owner, if any.
    public let owners: [StreamOwnerService]
    /// The followers, in the order they were added.
    public let followers: [StreamFollowerService]
    private let transport: any StreamTransport
    private let logger: Logger

    init(
        name: String, endpoints: [String: String], members: [ServiceRunner.Member], owners: [StreamOwnerService],
        followers: [StreamFollowerService], transport: any StreamTransport, logger: Logger
    ) {
        self.name = name
        self.endpoints = endpoints
        self.members = members
        self.owners = owners
        self.followers = followers
        self.transport = transport
        self.logger = logger
    }

    /// Runs every member until SIGTERM/SIGINT (or the supervisor's end), then shuts the transport down.
    /// - Parameter deadlines: how long the group waits for its members to stop (a service process's by default).
    /// - Throws: the first error a member threw (after the transport is shut down).
    public func run(deadlines: ServiceRunner.Deadlines = .service) async throws {
        do {
            try await ServiceRunner.run(members: members, logger: logger, deadlines: deadlines)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
    }
}
