import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits on several sockets and file descriptors at once (`zmq_poll`). Use it on the thread that owns the sockets.
///
/// Register items, call ``poll(timeout:)``, then read ``events(at:)`` by the index ``register(_:for:)`` returned.
public struct Poller {
    private var items: [zmq_pollitem_t] = []

    /// An empty poller.
    public init() {}

    /// Number of registered items.
    public var count: Int { items.count }

    /// Registers `socket` for `events`; returns its index. A closed socket is registered with no events.
    @discardableResult
    public mutating func register(_ socket: Socket, for events: PollEvents) -> Int {
        let handle = socket.rawHandle
        items.append(zmq_pollitem_t(socket: handle, fd: 0, events: handle == nil ? 0 : events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Registers a plain file descriptor (e.g. a pipe) for `events`; returns its index.
    @discardableResult
    public mutating func register(fileDescriptor: Int32, for events: PollEvents) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Changes the events watched for the item at `index`.
    public mutating func update(_ index: Int, to events: PollEvents) {
        guard items.indices.contains(index) else { return }
        items[index].events = items[index].socket == nil && items[index].fd == 0 ? 0 : events.rawValue
    }

    /// Removes every item, keeping capacity.
    public mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// Waits until at least one item is ready or `timeout` passes (`nil` = forever). `EINTR` is retried.
    /// - Returns: the number of ready items (0 on timeout).
    /// - Throws: ``ZMQError``; `isTerminated` when the context was shut down.
    @discardableResult
    public mutating func poll(timeout: Duration?) throws(ZMQError) -> Int {
        let milliseconds: Int = timeout.map { Int(SocketOption.milliseconds($0)) } ?? -1
        let count = Int32(items.count)
        while true {
            let rc = items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, milliseconds) }
            if rc >= 0 { return Int(rc) }
            let code = zmq_errno()
            if code == EINTR { continue }
            throw ZMQError(code: code, operation: "zmq_poll")
        }
    }

    /// The conditions found ready for the item at `index` by the last ``poll(timeout:)``.
    public func events(at index: Int) -> PollEvents {
        guard items.indices.contains(index) else { return [] }
        return PollEvents(rawValue: items[index].revents)
    }
}
