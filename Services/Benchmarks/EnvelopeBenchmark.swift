import Contracts
import Foundation
import Messaging
import ZeroMQ

/// Issue #2 benchmark (b): full envelope messages per second — encode → send → receive → decode, delivered to
/// async code — over `ipc://` PUSH/PULL through ``SocketLoop`` (sender and receiver on separate loop threads).
///
/// Variants, same transport and message, in one run:
/// - `naive`: Foundation `JSONEncoder`/`JSONDecoder` on both frames (header and body), the receiver decoding both;
/// - `fast`: the Messaging codec (hand-written header writer/scanner, shared body encoder, body left raw until
///   consumed) — what relays, stores and filters do;
/// - `fast+body`: the same, with the receiver also decoding every body (what a consumer of every message pays).
/// Prints `envelope.* msgs/s=…` lines and the ratio to the naive baseline. Best of several rounds per variant.
enum EnvelopeBenchmark {
    /// Messages per round; `KECHUANG_BENCH_ENVELOPE_MESSAGES` overrides.
    static let messageCount: Int = {
        if let text = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ENVELOPE_MESSAGES"], let value = Int(text),
           value > 0 { return value }
        return 200_000
    }()
    static let rounds = 3

    /// A representative stream message (shaped like a metric update).
    struct BenchUpdate: WireMessage, Equatable {
        static let messageType: MessageType = "metric.update"
        var indicator: String
        var period: String
        var scope: String
        var value: String
        var unit: String
        var source: String
        var previousValue: String?
        var ingestSequence: UInt64
        var topic: Topic { Topic("metric").child(indicator) }
    }

    enum Variant: String, CaseIterable {
        case naive
        case fast
        case fastWithBody = "fast+body"
    }

    struct Mismatch: Error, CustomStringConvertible {
        let detail: String
        var description: String { detail }
    }

    /// Runs the benchmark and prints the results.
    static func run() async throws {
        let directory = NSTemporaryDirectory() + "kq-env-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var best: [Variant: Double] = [:]
        var cpu: [Variant: Double] = [:]
        // `KECHUANG_BENCH_ENVELOPE_VARIANTS=fast,naive` runs only those variants (e.g. for profiling).
        let selected = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ENVELOPE_VARIANTS"]
            .map { $0.split(separator: ",").compactMap { Variant(rawValue: String($0)) } } ?? Variant.allCases
        for round in 0..<rounds {
            for variant in selected {
                let cpuBefore = processCPUSeconds()
                let rate = try await measure(variant, endpoint: "ipc://\(directory)/\(variant.rawValue.prefix(4))\(round)")
                let cpuPerMessage = (processCPUSeconds() - cpuBefore) / Double(messageCount) * 1e6
                best[variant] = max(best[variant] ?? 0, rate)
                cpu[variant] = min(cpu[variant] ?? .infinity, cpuPerMessage)
            }
        }
        let naive = best[.naive] ?? 0
        let sample = try frames(for: 1, variant: .fast)
        let bytes = sample.reduce(0) { $0 + $1.count }
        print("envelope.naive          msgs/s=\(format(naive)) cpu_us/msg=\(String(format: "%.2f", cpu[.naive] ?? 0)) "
            + "messages=\(messageCount) bytes/msg=\(bytes)")
        for variant in [Variant.fast, .fastWithBody] {
            let rate = best[variant] ?? 0
            print("envelope.\(variant.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) msgs/s=\(format(rate)) "
                + "cpu_us/msg=\(String(format: "%.2f", cpu[variant] ?? 0)) "
                + "ratio_vs_naive=\(naive > 0 ? String(format: "%.2f", rate / naive) : "n/a") target=120000")
        }
        print("envelope.note          cpu_us/msg is process CPU (all threads) per message: comparable on a busy machine")
        try microbenchmarks()
    }

    // MARK: Transport run

    static func measure(_ variant: Variant, endpoint: String) async throws -> Double {
        let receiverLoop = try SocketLoop(name: "bench.env.pull")
        let senderLoop = try SocketLoop(name: "bench.env.push")
        let pull = try await receiverLoop.open(.pull, options: [.receiveHighWaterMark(100_000)]) { try $0.bind(endpoint) }
        let push = try await senderLoop.open(.push, options: [.sendHighWaterMark(100_000)]) { try $0.connect(endpoint) }
        let count = messageCount
        let start = ContinuousClock.now
        // The sender is a child task: it ends (or is shut down) before this function returns.
        let outcome: (received: Int, checksum: UInt64, elapsed: Duration)
        do {
            outcome = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let headers = HeaderFactory(source: "bench")
                    let encoder = JSONEncoder()
                    for index in 0..<count {
                        let message = update(index)
                        let header = headers.header(for: BenchUpdate.self, sequence: UInt64(index + 1))
                        let frames: [Frame]
                        switch variant {
                        case .naive:
                            frames = [Frame(string: message.topic.rawValue), Frame(try encoder.encode(header)),
                                      Frame(try encoder.encode(message))]
                        case .fast, .fastWithBody:
                            frames = try EnvelopeCodec.encode(message, header: header)
                        }
                        // Awaiting every 1000th send keeps trySend far below its queue bound.
                        if index % 1000 == 999 { try await push.send(frames) } else { try push.trySend(frames) }
                    }
                }
                let received: (Int, UInt64)
                do {
                    received = try await receiveAll(variant, count: count, from: pull)
                } catch {
                    // A send waiting for the vanished receiver ends only when its loop shuts down.
                    await senderLoop.shutdown()
                    throw error
                }
                let elapsed = ContinuousClock.now - start
                try await group.waitForAll()
                return (received.0, received.1, elapsed)
            }
        } catch {
            await senderLoop.shutdown()
            await receiverLoop.shutdown()
            throw error
        }
        await senderLoop.shutdown()
        await receiverLoop.shutdown()
        let (received, checksum, elapsed) = outcome
        guard received == count, checksum != 0 else { throw Mismatch(detail: "received \(received) of \(count)") }
        return rate(count, elapsed)
    }

    /// Receives `count` messages from `pull` and checks them; returns how many arrived and their checksum.
    private static func receiveAll(_ variant: Variant, count: Int, from pull: LoopSocket) async throws -> (Int, UInt64) {
        var received = 0
        var checksum: UInt64 = 0
        let decoder = JSONDecoder()
        for await frames in pull.incoming {
            switch variant {
            case .naive:
                guard frames.count == 3, frames[0].string != nil else { throw Mismatch(detail: "bad frames") }
                let header = try decoder.decode(MessageHeader.self, from: frames[1].data)
                let body = try decoder.decode(BenchUpdate.self, from: frames[2].data)
                checksum &+= (header.sequence ?? 0) &+ body.ingestSequence
            case .fast:
                let envelope = try EnvelopeCodec.decode(frames)
                checksum &+= (envelope.header.sequence ?? 0) &+ UInt64(envelope.body.count)
            case .fastWithBody:
                let envelope = try EnvelopeCodec.decode(frames)
                let body = try envelope.decode(BenchUpdate.self)
                checksum &+= (envelope.header.sequence ?? 0) &+ body.ingestSequence
            }
            received += 1
            if received == count { break }
        }
        return (received, checksum)
    }

    static func update(_ index: Int) -> BenchUpdate {
        BenchUpdate(
            indicator: "loan.granted_amount", period: "2024", scope: "county:张家港",
            value: "\(1_000 + index % 977).25", unit: "万元", source: "computed", previousValue: "998.75",
            ingestSequence: UInt64(index + 1))
    }

    static func frames(for index: Int, variant: Variant) throws -> [Frame] {
        let header = HeaderFactory(source: "bench").header(for: BenchUpdate.self, sequence: UInt64(index))
        return try EnvelopeCodec.encode(update(index), header: header)
    }

    // MARK: Where the time goes (single thread, no transport)

    /// Per-step costs in nanoseconds per message, to show where the time goes.
    static func microbenchmarks() throws {
        let iterations = 100_000
        let headers = HeaderFactory(source: "bench")
        let header = headers.header(for: BenchUpdate.self, sequence: 42, correlation: "abc-123")
        let message = update(7)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let headerJSON = try encoder.encode(header)
        let bodyJSON = try encoder.encode(message)
        let frames = try EnvelopeCodec.encode(message, header: header)
        // An ingest-stream event as metrics, scoring and notify receive it.
        guard let loan = MetricsBenchmark.loans(first: 1, count: 1, grantOnly: true).first else { return }
        let eventJSON = try encoder.encode(ProgramEventRecorded(documentID: "doc-0123456789abcdef", line: 1, event: loan))
        // Scoring-stream bodies: the largest messages Kechuang publishes per event.
        let score = try decoder.decode(ScoreUpdate.self, from: Data(ScoringMessageSamples.score.utf8))
        let highTech = try decoder.decode(HighTechUpdate.self, from: Data(ScoringMessageSamples.highTech.utf8))
        var sink = 0
        let steps: [(String, () throws -> Void)] = [
            ("header.encode.foundation", { sink &+= try encoder.encode(header).count }),
            ("header.encode.writer", { sink &+= HeaderJSONWriter.bytes(header).count }),
            ("header.decode.foundation", { sink &+= try decoder.decode(MessageHeader.self, from: headerJSON).id.count }),
            ("header.decode.scanner", { sink &+= try EnvelopeCodec.decodeHeader(headerJSON).id.count }),
            ("body.encode.foundation", { sink &+= try encoder.encode(message).count }),
            ("body.encode.streaming", { sink &+= try EnvelopeCodec.encodeBody(message).count }),
            ("envelope.encode.frames", { sink &+= try EnvelopeCodec.encode(message, header: header).count }),
            ("envelope.decode.frames", { sink &+= try EnvelopeCodec.decode(frames).body.count }),
            ("body.decode.foundation", { sink &+= try decoder.decode(BenchUpdate.self, from: bodyJSON).unit.count }),
            ("body.decode.fast", { sink &+= FastJSONDecoder.decode(BenchUpdate.self, from: bodyJSON)?.unit.count ?? 0 }),
            ("body.decode.codec", {
                sink &+= try EnvelopeCodec.decodeBody(BenchUpdate.self, from: bodyJSON, type: BenchUpdate.messageType).unit.count
            }),
            ("event.decode.foundation", { sink &+= try decoder.decode(ProgramEventRecorded.self, from: eventJSON).line }),
            ("event.decode.fast", { sink &+= FastJSONDecoder.decode(ProgramEventRecorded.self, from: eventJSON)?.line ?? 0 }),
            ("header.stamp", { sink &+= headers.header(for: BenchUpdate.self).id.count }),
        ]
        // Kilobyte bodies: fewer rounds.
        let largeSteps: [(String, () throws -> Void)] = [
            ("score.encode.foundation", { sink &+= try EnvelopeCodec.encodeBodyWithFoundation(score).count }),
            ("score.encode.streaming", { sink &+= try EnvelopeCodec.encodeBody(score).count }),
            ("hightech.encode.foundation", { sink &+= try EnvelopeCodec.encodeBodyWithFoundation(highTech).count }),
            ("hightech.encode.streaming", { sink &+= try EnvelopeCodec.encodeBody(highTech).count }),
        ]
        for (rounds, list) in [(iterations, steps), (iterations / 20, largeSteps)] {
            for (name, step) in list {
                let start = ContinuousClock.now
                for _ in 0..<rounds { try step() }
                let elapsed = ContinuousClock.now - start
                let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
                print("envelope.step.\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) ns/msg=\(Int(nanoseconds / Double(rounds)))")
            }
        }
        if sink == 0 { print("(no work)") }
    }

    // MARK: Helpers

    /// User + system CPU time of the whole process, in seconds.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func rate(_ count: Int, _ elapsed: Duration) -> Double {
        let (seconds, attoseconds) = elapsed.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return total > 0 ? Double(count) / total : 0
    }

    private static func format(_ value: Double) -> String { String(Int(value.rounded())) }
}
