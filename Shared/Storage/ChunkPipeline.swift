import Foundation

/// Overlaps preparing a batch with writing it, on two threads: a producer on a thread of its own prepares chunks
/// (decoding, computing, encoding — no database) while the calling thread consumes them (SQLite statements inside
/// the caller's transaction). A follower's catch-up batch then uses both cores instead of running both halves one
/// after the other on the database writer (see docs/performance.md, "Preparing beside the writer").
///
/// Semantics, which the callers rely on:
/// - Chunks are consumed in the order they were emitted, each exactly once, on the calling thread.
/// - At most `capacity` chunks wait between the two: a producer ahead of the writer blocks in its `emit` (the
///   prepared data a batch holds at once stays bounded).
/// - If `produce` throws, the chunks it emitted but the consumer has not taken are dropped and ``run(name:capacity:overlapping:produce:consume:)``
///   rethrows its error once the consumer asks for the next chunk: the caller's transaction must fail as a whole.
/// - If `consume` throws, the producer's next (or waiting) `emit` throws ``ChunkPipelineError/abandoned``, so it
///   unwinds — releasing whatever it holds, such as a lock on in-memory state — and `run` rethrows the consumer's
///   error only after `produce` has returned.
/// - `run` returns or throws only after `produce` has returned: nothing the producer does outlives the call.
///
/// Both halves block, so `run` must not be called from Swift's cooperative pool (GRDB's writer queue is where it
/// belongs); `produce` never runs there either.
public enum ChunkPipeline {
    /// Runs `produce` on a new thread named `name` and `consume` on the calling thread for every chunk it emits, with
    /// at most `capacity` chunks waiting in between. With `overlapping` false (a batch too small to be worth a
    /// thread), `produce` runs on the calling thread and each chunk it emits is consumed at once.
    /// - Parameter produce: prepares the chunks and passes each to its `emit` argument, in order. `emit` waits for
    ///   room, and throws ``ChunkPipelineError/abandoned`` once the consumer has failed: `produce` must then return.
    /// - Throws: the consumer's error, else the producer's (see the type's documentation).
    public static func run<Chunk: Sendable>(
        name: String, capacity: Int = 4, overlapping: Bool = true,
        produce: @escaping @Sendable (_ emit: (Chunk) throws -> Void) throws -> Void,
        consume: (Chunk) throws -> Void
    ) throws {
        guard overlapping else {
            try produce(consume)
            return
        }
        let channel = ChunkChannel<Chunk>(capacity: max(1, capacity))
        let thread = Thread {
            do {
                try produce { chunk in try channel.put(chunk) }
                channel.producerReturned(nil)
            } catch {
                channel.producerReturned(error)
            }
        }
        thread.name = name
        // A main thread's stack: producers run the same code the writer queue's threads did (recursive tree walks).
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let chunk = try channel.next() {
                try consume(chunk)
            }
        } catch {
            channel.abandon()
            throw error
        }
    }
}

/// Why a ``ChunkPipeline`` producer must stop.
public enum ChunkPipelineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The consumer failed and takes no more chunks.
    case abandoned

    /// What happened.
    public var description: String {
        switch self {
        case .abandoned: return "the consumer of a chunk pipeline failed and takes no more chunks"
        }
    }
}

/// The bounded hand-off between a ``ChunkPipeline``'s two threads.
///
/// `@unchecked Sendable`: its one stored variable is read and written only while `condition`'s lock is held.
final class ChunkChannel<Chunk: Sendable>: @unchecked Sendable {
    /// Where the two sides stand; every transition happens under `condition`'s lock.
    private enum State {
        /// The producer is running; `queued` waits for the consumer.
        case producing(queued: [Chunk])
        /// The producer returned normally; `queued` is what is left to consume.
        case produced(queued: [Chunk])
        /// The producer threw (what it had queued is dropped).
        case failed(any Error)
        /// The consumer gave up while the producer was still running.
        case abandoned
        /// The consumer gave up and the producer has returned since (or had returned before).
        case ended
    }

    private let capacity: Int
    private let condition = NSCondition()
    private var state = State.producing(queued: [])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Producer side: queues `chunk`, waiting for room.
    func put(_ chunk: Chunk) throws(ChunkPipelineError) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case var .producing(queued):
                if queued.count < capacity {
                    state = .producing(queued: []) // the array is uniquely referenced while it grows
                    queued.append(chunk)
                    state = .producing(queued: queued)
                    condition.broadcast()
                    return
                }
                condition.wait()
            case .abandoned:
                throw .abandoned
            case .produced, .failed, .ended:
                preconditionFailure("ChunkPipeline: a chunk was emitted after the producer returned")
            }
        }
    }

    /// Producer side: the producer's closure returned, with `error` if it threw.
    func producerReturned(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case let .producing(queued):
            state = error.map { .failed($0) } ?? .produced(queued: queued)
        case .abandoned:
            state = .ended
        case .produced, .failed, .ended:
            preconditionFailure("ChunkPipeline: the producer returned twice")
        }
        condition.broadcast()
    }

    /// Consumer side: the next chunk, waiting for one; `nil` once the producer returned and everything was taken.
    /// - Throws: the producer's error.
    func next() throws -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case var .producing(queued):
                if !queued.isEmpty {
                    state = .producing(queued: [])
                    let chunk = queued.removeFirst()
                    state = .producing(queued: queued)
                    condition.broadcast()
                    return chunk
                }
                condition.wait()
            case var .produced(queued):
                if queued.isEmpty { return nil }
                state = .produced(queued: [])
                let chunk = queued.removeFirst()
                state = .produced(queued: queued)
                return chunk
            case let .failed(error):
                throw error
            case .abandoned, .ended:
                preconditionFailure("ChunkPipeline: a chunk was asked for after the consumer gave up")
            }
        }
    }

    /// Consumer side: takes no more chunks; returns once the producer has returned.
    func abandon() {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .producing:
            state = .abandoned
            condition.broadcast()
            while case .abandoned = state { condition.wait() }
        case .produced, .failed:
            state = .ended
        case .abandoned, .ended:
            preconditionFailure("ChunkPipeline: the consumer gave up twice")
        }
    }
}
