import Contracts
import Foundation
import Messaging
import ZeroMQ

extension ScoringBenchmark {
    /// What the live measurement records: when each ingest sequence was submitted, published by ingest, and first
    /// reflected in a score update.
    struct LiveArrivals: Sendable {
        var ingest: [UInt64: ContinuousClock.Instant] = [:]
        var score: [UInt64: ContinuousClock.Instant] = [:]
    }

    /// Submits one-filing documents at `rate` per second for `seconds` (up to 32 in flight, the per-client cap), then waits (bounded)
    /// until scoring applied them; prints latency percentiles from submit and from the ingest event to the first
    /// score update for that filing seen by a `scoring.pub` subscriber.
    static func live(
        client: ZMQRequestClient, status: ZMQRequestClient, loop: SocketLoop, ingestPublish: String,
        scoringPublish: String, rate: Int,
        seconds duration: Int, enterprises: Int, year: Int
    ) async throws {
        let total = rate * duration
        let arrivals = BenchmarkRecorder(LiveArrivals())
        let ingestSub = try await ZMQSubscriber.connect([ingestPublish], prefixes: [FilingRecorded.topicPrefix], on: loop)
        let scoreSub = try await ZMQSubscriber.connect([scoringPublish], prefixes: [ScoreUpdate.topicPrefix], on: loop)
        let submitted = BenchmarkRecorder<[(sequence: UInt64, at: ContinuousClock.Instant)]>([])
        let feedSeconds = try await withThrowingTaskGroup(of: Void.self) { listeners in
            listeners.addTask {
                for await envelope in ingestSub.envelopes where envelope.type == FilingRecorded.messageType {
                    let now = ContinuousClock.now
                    if let sequence = envelope.sequence { arrivals.withLock { _ = $0.ingest[sequence] = now } }
                }
            }
            listeners.addTask {
                for await envelope in scoreSub.envelopes {
                    let now = ContinuousClock.now
                    guard let update = try? envelope.decode(ScoreUpdate.self) else { continue }
                    arrivals.withLock { state in
                        if state.score[update.ingestSequence] == nil { state.score[update.ingestSequence] = now }
                    }
                }
            }
            defer { listeners.cancelAll() }
            // Let the subscriptions reach the publishers before the first filing.
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            var lastSequence: UInt64 = 0
            try await withThrowingTaskGroup(of: UInt64.self) { group in
                var inFlight = 0
                for index in 0..<total {
                    try await Task.sleep(until: start + .seconds(Double(index) / Double(rate)), clock: .continuous)
                    if inFlight >= 32 {  // ingest answers `busy` past 32 requests in flight per client
                        lastSequence = max(lastSequence, try await group.next() ?? 0)
                        inFlight -= 1
                    }
                    inFlight += 1
                    let enterprise = 1 + index % enterprises
                    group.addTask {
                        let sentAt = ContinuousClock.now
                        let accepted = try await submit(client, filings: filings(first: enterprise, count: 1, year: year))
                        let sequence = accepted.lastSequence ?? 0
                        submitted.withLock { $0.append((sequence, sentAt)) }
                        return sequence
                    }
                }
                for try await sequence in group { lastSequence = max(lastSequence, sequence) }
            }
            let fed = Self.seconds(ContinuousClock.now - start)
            _ = try await waitApplied(status, lastSequence)
            let sequences = submitted.withLock { $0 }
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let missing = arrivals.withLock { state in sequences.contains { state.score[$0.sequence] == nil } }
                if !missing { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            return fed
        }
        await ingestSub.close()
        await scoreSub.close()
        let sequences = submitted.withLock { $0 }
        let (fromSubmit, fromEvent, lost) = arrivals.withLock { state -> ([Double], [Double], Int) in
            var fromSubmit: [Double] = []
            var fromEvent: [Double] = []
            var lost = 0
            for (sequence, sentAt) in sequences {
                guard let scoredAt = state.score[sequence] else { lost += 1; continue }
                fromSubmit.append(milliseconds(scoredAt - sentAt))
                if let eventAt = state.ingest[sequence] { fromEvent.append(milliseconds(scoredAt - eventAt)) }
            }
            return (fromSubmit.sorted(), fromEvent.sorted(), lost)
        }
        print("scoring.live filings=\(total) target_per_s=\(rate) achieved_per_s=\(format(Double(total) / feedSeconds)) "
            + "submit_to_score_p50_ms=\(format(percentile(fromSubmit, 0.5))) submit_to_score_p99_ms=\(format(percentile(fromSubmit, 0.99))) "
            + "event_to_score_p50_ms=\(format(percentile(fromEvent, 0.5))) event_to_score_p99_ms=\(format(percentile(fromEvent, 0.99))) "
            + "not_seen_live=\(lost)")
    }
}
