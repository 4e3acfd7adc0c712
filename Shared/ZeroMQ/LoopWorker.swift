/// The part of a ``SocketLoop`` that lives on its thread: the sockets, their outbound queues and the poll loop.
///
/// `@unchecked Sendable` only so it can be handed to the `Thread` that exclusively uses it: after `start`, no other
/// thread touches it.
final class LoopWorker: @unchecked Sendable {
    private final class Entry {
        let id: UInt64
        let socket: Socket
        let inbox: Inbox
        /// Receives inbound messages on this thread instead of ``inbox`` (handler sockets).
        let handler: (@Sendable ([Frame]) -> Void)?
        /// Answers inbound messages on this thread (responder sockets).
        var responder: (@Sendable ([Frame]) -> [Frame]?)?
        var outbound: [(frames: [Frame], completion: SendCompletion)] = []
        var outboundHead = 0
        var inputPaused = false

        init(id: UInt64, socket: Socket, inbox: Inbox, handler: (@Sendable ([Frame]) -> Void)?) {
            self.id = id
            self.socket = socket
            self.inbox = inbox
            self.handler = handler
        }

        var hasOutbound: Bool { outboundHead < outbound.count }
    }

    /// Messages received from one socket per poll round before others get a turn.
    private static let receiveBatch = 512

    private let mailbox: LoopMailbox
    private var context: Context?
    private var entries: [UInt64: Entry] = [:]
    private var order: [UInt64] = []
    /// The entry of the most recent `.send` (still registered; cleared when it closes).
    private var lastSendEntry: Entry?
    private var terminated = false

    init(mailbox: LoopMailbox, context: Context) {
        self.mailbox = mailbox
        self.context = context
    }

    /// The thread body: runs until shutdown or context termination, then closes everything.
    func run() {
        var poller = Poller()
        var polled: [(Entry, Int)] = []
        var shutdownLinger: Duration?
        loop: while !terminated {
            for command in mailbox.take() {
                if case .shutdown(let linger) = command {
                    shutdownLinger = linger
                    break loop
                }
                handle(command)
            }
            for id in order { if let entry = entries[id], entry.hasOutbound { flush(entry) } }
            if terminated { break }

            poller.removeAll()
            let wakeIndex = poller.register(fileDescriptor: mailbox.wake.readDescriptor, for: .readable)
            for id in order {
                guard let entry = entries[id] else { continue }
                var events: PollEvents = []
                if entry.socket.type.canReceive && !entry.inputPaused { events.insert(.readable) }
                if entry.hasOutbound { events.insert(.writable) }
                if !events.isEmpty { polled.append((entry, poller.register(entry.socket, for: events))) }
            }
            do {
                try poller.poll(timeout: nil)
            } catch {
                terminated = true
                break
            }
            if poller.events(at: wakeIndex).contains(.readable) { mailbox.wake.drain() }
            for (entry, index) in polled {
                let events = poller.events(at: index)
                if events.contains(.readable) { receive(entry) }
                if events.contains(.writable) && entry.hasOutbound { flush(entry) }
            }
            // Hold no entry between rounds: a socket closed by the next commands is released at once (and with
            // it its message handler).
            polled.removeAll(keepingCapacity: true)
        }
        // Refuse new work first, then close every socket (bounded linger) and drop the context.
        let remaining = mailbox.take()
        for id in order {
            guard let entry = entries[id] else { continue }
            if let shutdownLinger { try? entry.socket.set(.linger(shutdownLinger)) }
            close(entry)
        }
        entries.removeAll()
        order.removeAll()
        for command in remaining { command.fail(SocketLoopError.shutDown) }
        context = nil
        mailbox.finish()
    }

    private func handle(_ command: LoopCommand) {
        switch command {
        case let .open(type, options, receive, sendQueueLimit, setUp, reply):
            guard let context else { return reply.resume(throwing: SocketLoopError.shutDown) }
            do {
                let socket = try context.socket(type)
                do {
                    try socket.set(options)
                    try setUp(socket)
                } catch {
                    socket.close()
                    throw error
                }
                let id = mailbox.makeID()
                let mailbox = self.mailbox
                let inbox: Inbox
                var handler: (@Sendable ([Frame]) -> Void)?
                var responder: (@Sendable ([Frame]) -> [Frame]?)?
                switch receive {
                case .inbox(let capacity):
                    inbox = Inbox(capacity: capacity) { mailbox.post(.resumeInput(id: id)) }
                    handler = nil
                case .handler(let body):
                    inbox = Inbox(capacity: 1) {}
                    handler = body
                case .responder(let body):
                    inbox = Inbox(capacity: 1) {}
                    responder = body
                }
                if !type.canReceive || handler != nil || responder != nil { inbox.finish() }
                let entry = Entry(id: id, socket: socket, inbox: inbox, handler: handler)
                entry.responder = responder
                entries[id] = entry
                order.append(id)
                let budget = SendBudget(limit: sendQueueLimit)
                reply.resume(returning: LoopSocket(id: id, type: type, mailbox: mailbox, inbox: inbox, budget: budget))
            } catch {
                reply.resume(throwing: error)
            }
        case let .send(id, frames, completion):
            // Sends arrive in runs for one socket: skip the dictionary lookup (hashing) for repeats.
            if let last = lastSendEntry, last.id == id {
                last.outbound.append((frames, completion))
                return
            }
            guard let entry = entries[id] else { return command.fail(SocketLoopError.socketClosed(id: id)) }
            lastSendEntry = entry
            entry.outbound.append((frames, completion))
        case let .perform(id, body, missing):
            guard let entry = entries[id] else { return missing(SocketLoopError.socketClosed(id: id)) }
            body(entry.socket)
        case let .resumeInput(id):
            entries[id]?.inputPaused = false
        case let .close(id, reply):
            if let entry = entries.removeValue(forKey: id) {
                order.removeAll { $0 == id }
                close(entry)
            }
            reply?.resume()
        case .shutdown:
            break
        }
    }

    private func receive(_ entry: Entry) {
        do {
            for _ in 0..<Self.receiveBatch {
                guard let frames = try entry.socket.receiveMultipart(dontWait: true) else { return }
                if let handler = entry.handler {
                    handler(frames)
                    continue
                }
                if let responder = entry.responder {
                    if let reply = responder(frames) { _ = try entry.socket.send(reply, dontWait: true) }
                    continue
                }
                if entry.inbox.deliver(frames) {
                    entry.inputPaused = true
                    return
                }
            }
        } catch {
            if error.isTerminated { terminated = true } else { entry.inputPaused = true; entry.inbox.finish() }
        }
    }

    private func flush(_ entry: Entry) {
        while entry.hasOutbound {
            let pending = entry.outbound[entry.outboundHead]
            do {
                guard try entry.socket.send(pending.frames, dontWait: true) else { return }
                pending.completion.succeed()
            } catch {
                if error.isTerminated {
                    terminated = true
                    return
                }
                pending.completion.fail(error)
            }
            entry.outboundHead += 1
        }
        entry.outbound.removeAll(keepingCapacity: true)
        entry.outboundHead = 0
    }

    private func close(_ entry: Entry) {
        if lastSendEntry === entry { lastSendEntry = nil }
        for pending in entry.outbound[entry.outboundHead...] {
            pending.completion.fail(SocketLoopError.socketClosed(id: entry.id))
        }
        entry.outbound.removeAll()
        entry.outboundHead = 0
        entry.socket.close()
        entry.inbox.finish()
    }
}
