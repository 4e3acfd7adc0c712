import Contracts
import Domain
import Foundation
import Messaging
import Storage
import Testing
@testable import MetricsService

/// The metrics stream a fixed sample of ingest events produces, compared byte for byte with a recording made before
/// the per-event cost work of issue #14 (`Fixtures/metrics-stream.golden`): every entry's sequence, topic, header
/// type, header sequence, which ingest entry it correlates to, and the exact body bytes; plus every stored current
/// value. Headers' ids and timestamps differ per run and are not compared. Set `KECHUANG_RECORD_GOLDEN=1` to
/// rewrite the recording (only when the protocol deliberately changes).
@Suite struct MetricsStreamGoldenTests {
    typealias F = MetricsFixtures

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/metrics-stream.golden")

    /// The sample: the mixed events, reported figures that agree and disagree with computed ones, a repeated
    /// delivery, and a run of loans over many enterprises and months.
    static func sample() -> [IngestEvent] {
        var events = F.mixedEvents()
        events.append(F.observation("loan.pool_size", 6, .jia, period: "2024", document: "report-2"))
        events.append(F.observation("loan.granted_amount", 0.15, .yiYuan, period: "2024"))
        events.append(F.observation(nil, 1, .ge))
        for n in 7...60 {
            events.append(F.program(.techLoanPoolEntered(date: F.date("2024-0\(1 + n % 9)-1\(n % 10)"), subject: F.subject(n))))
            events.append(F.program(.techLoanGranted(
                date: F.date("2024-0\(1 + n % 9)-2\(n % 8)"), subject: F.subject(n),
                amount: F.wan(Decimal(100 + n % 9 * 25) + Decimal(n) / 100), lender: n % 2 == 0 ? "农商行" : nil)))
        }
        events.append(F.filing(3, year: 2023, revenueWan: 12_345.67, rdWan: 890.12, hasRD: true, patents: 4, rdStaff: 9))
        return events
    }

    /// The recorded text of the stream and current values after applying `envelopes` in chunks of `chunk`.
    static func render(_ envelopes: [Envelope], chunk: Int) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try MetricsStore(path: directory.appendingPathComponent("metrics.sqlite").path)
        let shared = SharedMetricsLogic(try await store.load(catalog: F.catalog).logic)
        var index = 0
        while index < envelopes.count {
            let end = min(envelopes.count, index + chunk)
            _ = try await store.apply(Array(envelopes[index..<end]), to: shared)
            index = end
        }
        let text = try await Self.text(of: store, inputs: envelopes)
        try store.database.close()
        return text
    }

    /// The recorded text of `store`'s stream and current values, correlations named by the sequence of the entry in
    /// `inputs` they answer.
    static func text(of store: MetricsStore, inputs envelopes: [Envelope]) async throws -> String {
        let inputs = Dictionary(uniqueKeysWithValues: envelopes.map { ($0.header.id, $0.sequence ?? 0) })
        var lines: [String] = []
        let entries = try StreamLogDatabaseReader(reader: store.database.pool).logEntries(after: 0, limit: 100_000)
        for entry in entries {
            let header = try EnvelopeCodec.decodeHeader(entry.header)
            let correlated = header.correlation.flatMap { inputs[$0] }.map(String.init) ?? "-"
            lines.append("\(entry.sequence)\t\(entry.topic)\t\(header.type)\t\(header.sequence.map(String.init) ?? "-")\t"
                + "\(correlated)\t\(String(decoding: entry.body, as: UTF8.self))")
        }
        for value in try await store.currentValues() {
            lines.append("value\t" + String(decoding: try EnvelopeCodec.encodeBody(value), as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theStreamAndValuesEqualTheRecording() async throws {
        let envelopes = try Self.sample().enumerated().map { try F.envelope($1, sequence: UInt64($0) + 1) }
        let whole = try await Self.render(envelopes, chunk: envelopes.count)
        if ProcessInfo.processInfo.environment["KECHUANG_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.fixture.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(whole.utf8).write(to: Self.fixture)
        }
        let recorded = try String(contentsOf: Self.fixture, encoding: .utf8)
        #expect(whole == recorded)
        // Batch boundaries do not change a byte either.
        for chunk in [1, 7] {
            #expect(try await Self.render(envelopes, chunk: chunk) == recorded, "chunk \(chunk)")
        }
    }
}
