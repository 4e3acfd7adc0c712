/// ``MessagePublisher`` on an ``InMemoryBus``.
public struct InMemoryPublisher: MessagePublisher {
    let bus: InMemoryBus

    /// Delivers `envelope` (after a wire round trip) to every matching subscriber of the bus.
    public func publish(_ envelope: Envelope) async throws {
        bus.deliver(try InMemoryBus.roundTrip(envelope))
    }
}
