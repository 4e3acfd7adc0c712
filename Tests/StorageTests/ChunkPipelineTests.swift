import Foundation
import KechuangTestSupport
import Storage
import Synchronization
import Testing

/// ``ChunkPipeline``: chunks arrive in order, exactly once, with at most `capacity` waiting; a failure on either
/// side ends the other, and nothing the producer does outlives ``ChunkPipeline/run(name:capacity:overlapping:produce:consume:)``.
@Suite struct ChunkPipelineTests {
    struct Failure: Error, Equatable {
        let side: String
    }

    /// What a run saw, gathered on its threads and checked in the test.
    struct Observed: Sendable {
        var consumed: [Int] = []
        var mostWaiting = 0
        var producerThread: pthread_t = 0
        var consumerThread: pthread_t = 0
        var producerReturnedBeforeRunEnded = false
        var emitErrors: [ChunkPipelineError] = []
        var thrown: Failure?
    }

    /// Runs a pipeline whose producer emits `0..<count` (throwing after `producerFailsAfter` chunks, if set) and whose
    /// consumer throws on chunk `consumerFailsAt` (if set), each side pausing at random for a few microseconds.
    static func observe(
        count: Int, capacity: Int, seed: UInt64, producerFailsAfter: Int? = nil, consumerFailsAt: Int? = nil,
        overlapping: Bool = true
    ) async throws -> Observed {
        try await computedOnItsOwnThread {
            let emitted = Atomic<Int>(0)
            let producerReturned = Atomic<Bool>(false)
            let shared = Mutex(Observed())
            var consumerRandom = SeededRandom(seed: seed &+ 1)
            var observed = Observed()
            observed.consumerThread = pthread_self()
            do {
                try ChunkPipeline.run(name: "test-producer", capacity: capacity, overlapping: overlapping) { (emit: (Int) throws -> Void) in
                    defer { producerReturned.store(true, ordering: .sequentiallyConsistent) }
                    shared.withLock { $0.producerThread = pthread_self() }
                    var random = SeededRandom(seed: seed)
                    for chunk in 0..<count {
                        if let limit = producerFailsAfter, chunk == limit { throw Failure(side: "producer") }
                        if random.next() % 4 == 0 { usleep(UInt32(random.next() % 50)) }
                        emitted.add(1, ordering: .sequentiallyConsistent)
                        do {
                            try emit(chunk)
                        } catch let error as ChunkPipelineError {
                            shared.withLock { $0.emitErrors.append(error) }
                            throw error
                        }
                    }
                } consume: { chunk in
                    // Emitted but not yet taken: the ones queued, plus this one and one the producer may be adding.
                    let waiting = emitted.load(ordering: .sequentiallyConsistent) - observed.consumed.count - 1
                    observed.mostWaiting = max(observed.mostWaiting, waiting)
                    if consumerRandom.next() % 4 == 0 { usleep(UInt32(consumerRandom.next() % 50)) }
                    if let failing = consumerFailsAt, chunk == failing { throw Failure(side: "consumer") }
                    observed.consumed.append(chunk)
                }
            } catch let failure as Failure {
                observed.thrown = failure
            }
            observed.producerReturnedBeforeRunEnded = producerReturned.load(ordering: .sequentiallyConsistent)
            let fromProducer = shared.withLock { $0 }
            observed.producerThread = fromProducer.producerThread
            observed.emitErrors = fromProducer.emitErrors
            return observed
        }
    }

    @Test(arguments: [1, 2, 4])
    func chunksArriveInOrderExactlyOnceWithAtMostCapacityWaiting(capacity: Int) async throws {
        for seed in UInt64(1)...20 {
            let observed = try await Self.observe(count: 300, capacity: capacity, seed: seed)
            #expect(observed.thrown == nil)
            #expect(observed.consumed == Array(0..<300), "seed \(seed)")
            // `waiting` counts a chunk being added while the consumer looks: capacity + 1 at most.
            #expect(observed.mostWaiting <= capacity + 1, "seed \(seed): \(observed.mostWaiting) waiting")
            #expect(observed.producerThread != observed.consumerThread)
            #expect(observed.producerReturnedBeforeRunEnded)
        }
    }

    @Test func aProducerErrorIsRethrownAndEndsTheRun() async throws {
        for seed in UInt64(1)...20 {
            let observed = try await Self.observe(count: 300, capacity: 2, seed: seed, producerFailsAfter: 120)
            #expect(observed.thrown == Failure(side: "producer"), "seed \(seed)")
            // Chunks emitted before the failure may be dropped, never reordered or invented.
            #expect(observed.consumed == Array(0..<observed.consumed.count))
            #expect(observed.consumed.count <= 120)
            #expect(observed.emitErrors.isEmpty)
            #expect(observed.producerReturnedBeforeRunEnded)
        }
    }

    @Test func aConsumerErrorStopsTheProducerBeforeTheRunEnds() async throws {
        for seed in UInt64(1)...20 {
            let observed = try await Self.observe(count: 300, capacity: 2, seed: seed, consumerFailsAt: 40)
            #expect(observed.thrown == Failure(side: "consumer"), "seed \(seed)")
            #expect(observed.consumed == Array(0..<40))
            // The producer was still emitting (300 chunks, at most 2 + 1 ahead): its emit was refused.
            #expect(observed.emitErrors == [.abandoned], "seed \(seed)")
            #expect(observed.producerReturnedBeforeRunEnded, "seed \(seed)")
        }
    }

    @Test func aConsumerErrorAfterTheProducerReturnedEndsTheRun() async throws {
        // Capacity above the chunk count: the producer has returned before the consumer fails on the last chunk.
        let observed = try await Self.observe(count: 10, capacity: 20, seed: 7, consumerFailsAt: 9)
        #expect(observed.thrown == Failure(side: "consumer"))
        #expect(observed.consumed == Array(0..<9))
        #expect(observed.producerReturnedBeforeRunEnded)
    }

    @Test func anEmptyRunEnds() async throws {
        let observed = try await Self.observe(count: 0, capacity: 1, seed: 3)
        #expect(observed.thrown == nil)
        #expect(observed.consumed.isEmpty)
        #expect(observed.producerReturnedBeforeRunEnded)
    }

    @Test func withoutOverlapTheProducerRunsOnTheCallingThreadAndEachChunkIsConsumedAtOnce() async throws {
        let observed = try await Self.observe(count: 50, capacity: 1, seed: 5, overlapping: false)
        #expect(observed.consumed == Array(0..<50))
        #expect(observed.producerThread == observed.consumerThread)
        #expect(observed.mostWaiting == 0)
        let failing = try await Self.observe(count: 50, capacity: 1, seed: 5, consumerFailsAt: 20, overlapping: false)
        #expect(failing.thrown == Failure(side: "consumer"))
        #expect(failing.consumed == Array(0..<20))
        #expect(failing.producerReturnedBeforeRunEnded)
    }
}
