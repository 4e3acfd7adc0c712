import Contracts
import Foundation
import Messaging
import ZeroMQ

/// Follows the metric update stream without missing anything: subscribe to `metric.` and the metrics heartbeat
/// first, then load a snapshot (or replay after `--from-seq`), drop live updates at or below it, apply the rest
/// strictly in order, and replay whenever a gap or a silent tail shows up (the shared ``StreamFollower`` decides).
struct MetricWatcher: Sendable {
    /// Endpoints of the metrics service.
    let publishEndpoint: String
    /// Snapshot/replay endpoint.
    let syncEndpoint: String
    /// Only updates whose topic starts with this are reported (`metric.` for all).
    let topicPrefix: String
    /// Start after this sequence by replay instead of a snapshot.
    let fromSequence: UInt64?
    /// Per-request timeout.
    let requestTimeout: Duration

    /// The topic prefix for a user's PREFIX argument: `loan` and `metric.loan` both mean `metric.loan`.
    static func topicPrefix(for argument: String?) -> String {
        guard let argument, !argument.isEmpty else { return "metric." }
        if argument == "metric" || argument.hasPrefix("metric.") { return argument }
        return "metric." + argument
    }

    /// Runs until `emit` returns `false`, `deadline` passes, or the task is cancelled.
    /// `emit(sequence, update, fromSnapshot)` is called for every matching update in stream order.
    /// `onCaughtUp` is called once, when the snapshot (or replay) has been applied and live updates follow.
    func run(
        until deadline: ContinuousClock.Instant?,
        onCaughtUp: @escaping @Sendable () -> Void = {},
        emit: @escaping @Sendable (UInt64, MetricUpdate, Bool) -> Bool
    ) async throws {
        let loop = try SocketLoop(name: "kechuang.cli.watch")
        let subscriber: ZMQSubscriber
        let sync: ServiceClient
        do {
            subscriber = try await ZMQSubscriber.connect(
                [publishEndpoint], prefixes: [Topic.family("metric"), Heartbeat.topic(for: KechuangStream.metrics)],
                on: loop)
            sync = try await ServiceClient.connect(service: "metrics", endpoint: syncEndpoint)
        } catch {
            await loop.shutdown(linger: .zero)
            throw CLIError.serviceUnavailable(service: "metrics", endpoint: publishEndpoint, reason: "\(error)")
        }
        let (inputs, continuation) = AsyncStream<WatchInput>.makeStream(bufferingPolicy: .unbounded)
        let liveTask = Task {
            for await envelope in subscriber.envelopes { continuation.yield(.live(envelope)) }
        }
        let tickTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        }
        let deadlineTask = Task {
            guard let deadline else { return }
            try? await Task.sleep(until: deadline, clock: .continuous)
            continuation.finish()
        }
        defer {
            liveTask.cancel()
            tickTask.cancel()
            deadlineTask.cancel()
            continuation.finish()
        }
        var follower = StreamFollower(stream: KechuangStream.metrics, lastApplied: fromSequence ?? 0)
        let prefix = topicPrefix
        let timeout = requestTimeout
        var pending = follower.start(fromSequence == nil ? .snapshot : .replay)
        var stop = false
        var failure: (any Error)?
        func perform(_ actions: [FollowerAction]) {
            for action in actions where !stop {
                switch action {
                case let .apply(envelope):
                    guard envelope.topic.rawValue.hasPrefix(prefix), envelope.carries(MetricUpdate.self),
                          let update = try? envelope.decode(MetricUpdate.self)
                    else { continue }
                    if !emit(envelope.sequence ?? 0, update, false) { stop = true }
                case let .requestReplay(after, limit):
                    Task {
                        do {
                            let batch = try await sync.request(
                                ReplayRequest(stream: KechuangStream.metrics, afterSequence: after, limit: limit),
                                expecting: ReplayBatch.self, timeout: timeout)
                            continuation.yield(.replay(batch))
                        } catch {
                            continuation.yield(.replayFailed("\(error)"))
                        }
                    }
                case .requestSnapshot:
                    Task {
                        do {
                            let snapshotPrefix = prefix == "metric." ? "metric." : prefix
                            continuation.yield(.snapshot(try await MetricSnapshot.load(client: sync, prefix: snapshotPrefix, timeout: timeout)))
                        } catch {
                            continuation.yield(.snapshotFailed("\(error)"))
                        }
                    }
                case .caughtUp:
                    onCaughtUp()
                case .dropped, .buffered:
                    break
                }
            }
        }
        perform(pending)
        var snapshotFailures = 0
        for await input in inputs {
            if stop || Task.isCancelled { break }
            switch input {
            case let .live(envelope):
                if envelope.carries(Heartbeat.self) {
                    if let heartbeat = try? envelope.decode(Heartbeat.self) {
                        pending = follower.handle(.heartbeat(latest: heartbeat.latestSequence))
                    } else {
                        pending = []
                    }
                } else {
                    pending = follower.handle(.live(envelope))
                }
            case let .snapshot(snapshot):
                snapshotFailures = 0
                for entry in snapshot.entries where !stop {
                    guard entry.update.topic.rawValue.hasPrefix(prefix) else { continue }
                    if !emit(entry.sequence, entry.update, true) { stop = true }
                }
                pending = follower.handle(.snapshotLoaded(sequence: snapshot.sequence))
            case let .snapshotFailed(reason):
                snapshotFailures += 1
                if snapshotFailures >= 3 {
                    failure = CLIError.serviceUnavailable(service: "metrics", endpoint: syncEndpoint, reason: reason)
                    stop = true
                    pending = []
                } else {
                    pending = [.requestSnapshot]
                }
            case let .replay(batch):
                do {
                    pending = follower.handle(.replayBatch(try batch.envelopes(), head: batch.lastSequence, hasMore: batch.hasMore))
                } catch {
                    pending = follower.handle(.replayFailed)
                }
            case .replayFailed:
                pending = follower.handle(.replayFailed)
            case .tick:
                pending = follower.handle(.tick)
            }
            perform(pending)
            if stop { break }
        }
        liveTask.cancel()
        await subscriber.close()
        await sync.close()
        await loop.shutdown(linger: .zero)
        if let failure { throw failure }
    }
}
