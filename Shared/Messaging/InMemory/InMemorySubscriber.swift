/// ``MessageSubscriber`` on an ``InMemoryBus``.
public struct InMemorySubscriber: MessageSubscriber {
    let bus: InMemoryBus
    let id: UInt64
    /// Matching envelopes in publication order.
    public let envelopes: AsyncStream<Envelope>

    /// Adds a prefix filter. Effective for messages published after it returns.
    public func subscribe(_ prefix: Topic) async throws {
        bus.state.withLock { state in
            state.subscribers[id]?.prefixes.append(prefix)
        }
    }

    /// Removes one earlier subscription of `prefix`.
    public func unsubscribe(_ prefix: Topic) async throws {
        bus.state.withLock { state in
            if let index = state.subscribers[id]?.prefixes.firstIndex(of: prefix) {
                state.subscribers[id]?.prefixes.remove(at: index)
            }
        }
    }

    /// Detaches from the bus and finishes ``envelopes``.
    public func close() async {
        let entry = bus.state.withLock { $0.subscribers.removeValue(forKey: id) }
        entry?.continuation.finish()
    }
}
