import Contracts
import Domain
import Foundation
import Messaging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs `docs/examples/subscriber.py` (pyzmq) against a real `kechuang-metrics`: the documented late-subscriber
/// algorithm must end with exactly the service's current values — also when the subscriber is slow and its
/// receive high-water mark is tiny, so live updates are dropped and must come back by replay.
@Suite(.serialized) struct MetricsSubscriberExampleTests {
    /// The example subscriber running as a child process.
    struct Subscriber {
        let process: Process
        let stdout: OutputLines
        let stderr: OutputLines
        let exit: AsyncLatch<Int32>

        static let script = IngestDocuments.repositoryRoot.appendingPathComponent("docs/examples/subscriber.py").path

        static func start(_ arguments: [String]) throws -> Subscriber {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script] + arguments
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            let exit = AsyncLatch<Int32>()
            process.terminationHandler = { exit.resolve($0.terminationStatus) }
            let stdout = OutputLines(name: "subscriber.stdout")
            let stderr = OutputLines(name: "subscriber.stderr")
            try process.run()
            stdout.drain(out.fileHandleForReading)
            stderr.drain(err.fileHandleForReading)
            try? out.fileHandleForWriting.close()
            try? err.fileHandleForWriting.close()
            return Subscriber(process: process, stdout: stdout, stderr: stderr, exit: exit)
        }

        /// Waits for a stdout line starting with `prefix`.
        func line(startingWith prefix: String, timeout: Duration) async throws -> String {
            guard let line = await stdout.firstLine(matching: { $0.hasPrefix(prefix) }, timeout: timeout) else {
                process.terminate()
                throw MetricsTestError.subscriberFailed(
                    status: exit.value, output: stdout.tail() + "\n--- stderr ---\n" + stderr.tail())
            }
            return line
        }

        /// Stops it with SIGTERM (or, with `terminate` false, waits for it to exit by itself) and returns its final
        /// state (key text → value).
        func finish(terminate: Bool = true) async throws -> [String: Decimal] {
            if terminate, exit.value == nil { kill(process.processIdentifier, SIGTERM) }
            let status = await exit.wait(timeout: .seconds(20))
            let line = try await self.line(startingWith: "state ", timeout: .seconds(10))
            #expect(status == 0, "subscriber exit status; stderr: \(stderr.tail())")
            let object = try JSONDecoder().decode([String: String].self, from: Data(line.dropFirst(6).utf8))
            return object.compactMapValues { Decimal(string: $0) }
        }
    }

    static func keyText(_ key: MetricKey) -> String {
        "\(key.indicator)|\(key.period)|\(key.scope.rawValue)|\(key.source.rawValue)"
    }

    @Test func slowSubscriberWithATinyHighWaterMarkConverges() async throws {
        try await MetricsServiceTests.withSystem { ingest, metrics in
            // Values exist before the subscriber starts: it must pick them up from the snapshot.
            let report = try await ingest.accept(SubmitDocument(
                kind: .report, content: try IngestDocuments.seedReport(), name: "zhangjiagang-2024.txt", reportYear: 2024))
            let before = try await metrics.waitUntilApplied(try #require(report.lastSequence))
            let subscriber = try Subscriber.start([
                "--pub", try metrics.endpoint("metrics.pub"), "--sync", try metrics.endpoint("metrics.sync"),
                "--hwm", "1", "--delay-ms", "2", "--timeout", "180",
            ])
            let snapshotLine = try await subscriber.line(startingWith: "snapshot ", timeout: .seconds(30))
            let parts = snapshotLine.split(separator: " ")
            #expect(parts.count == 3 && UInt64(parts[1]) ?? 0 >= before.lastSequence)

            // A burst of updates far faster than the subscriber consumes them.
            var last: UInt64 = 0
            for batch in 0..<3 {
                let accepted = try await ingest.accept(try MetricsDocuments.events(
                    try MetricsDocuments.loanBatch(first: 1 + batch * 200, count: 200), name: "burst-\(batch).jsonl"))
                last = try #require(accepted.lastSequence)
            }
            let status = try await metrics.waitUntilApplied(last, timeout: .seconds(120))
            _ = try await subscriber.line(startingWith: "update \(status.lastSequence) ", timeout: .seconds(150))
            let state = try await subscriber.finish()
            let (_, values) = try await metrics.snapshot()
            #expect(state.count == values.count)
            #expect(state == Dictionary(uniqueKeysWithValues: values.map { (Self.keyText($0.key), $0.value.value) }))
            // Every update after the snapshot was applied exactly once, in order.
            let sequences = subscriber.stdout.lines.filter { $0.hasPrefix("update ") }
                .compactMap { UInt64($0.split(separator: " ")[1]) }
            #expect(sequences == sequences.sorted())
            #expect(Set(sequences).count == sequences.count)
            #expect(sequences.last == status.lastSequence)
        }
    }

    @Test func prefixSubscriberSeesOnlyItsFamilyAndExitsAfterCount() async throws {
        try await MetricsServiceTests.withSystem { ingest, metrics in
            let report = try await ingest.accept(SubmitDocument(
                kind: .report, content: try IngestDocuments.seedReport(), name: "zhangjiagang-2024.txt", reportYear: 2024))
            try await metrics.waitUntilApplied(try #require(report.lastSequence))
            let subscriber = try Subscriber.start([
                "--pub", try metrics.endpoint("metrics.pub"), "--sync", try metrics.endpoint("metrics.sync"),
                "--prefix", "metric.loan", "--count", "3", "--timeout", "60",
            ])
            let snapshotLine = try await subscriber.line(startingWith: "snapshot ", timeout: .seconds(30))
            // The seed report has three 科技贷 figures: pool size, enterprises granted, amount.
            #expect(snapshotLine.hasSuffix(" 3"))
            // One new loan: granted count, amount (2024 and total) and pool size change → at least 3 loan updates.
            let accepted = try await ingest.accept(try MetricsDocuments.events(
                try MetricsDocuments.loanBatch(first: 900, count: 1), name: "one-loan.jsonl"))
            try await metrics.waitUntilApplied(try #require(accepted.lastSequence))
            let state = try await subscriber.finish(terminate: false)  // it exits by itself after --count updates
            let updates = subscriber.stdout.lines.filter { $0.hasPrefix("update ") }
            #expect(updates.count == 3)
            #expect(updates.allSatisfy { $0.split(separator: " ")[2].hasPrefix("loan.") })
            #expect(state.keys.allSatisfy { $0.hasPrefix("loan.") })
            #expect(state["loan.pool_size|2024|county|reported"] == 273)
        }
    }
}
