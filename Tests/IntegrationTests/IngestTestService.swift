import Contracts
import Domain
import Foundation
import Messaging
import ZeroMQ

/// A real `kechuang-ingest` in a short run directory, with a connected request client and sync client.
struct IngestTestService: Sendable {
    /// The run directory (kept across restarts).
    let directory: RunDirectory
    /// The running process.
    let process: ServiceProcess
    /// DEALER client on `ingest.req`.
    let client: TestClient
    /// DEALER client on `ingest.sync`.
    let sync: TestClient

    /// Starts the service in `directory` (a fresh one by default) with extra flags.
    static func start(directory: RunDirectory? = nil, extra: [String] = []) async throws -> IngestTestService {
        let directory = try directory ?? RunDirectory()
        let process = try await ServiceProcess.start(
            "kechuang-ingest", arguments: directory.serviceArguments + ["--heartbeat-ms", "100"] + extra,
            readyTimeout: .seconds(60))
        let client = try await TestClient(endpoint: try process.readiness.endpoint("ingest.req"))
        let sync = try await TestClient(endpoint: try process.readiness.endpoint("ingest.sync"))
        return IngestTestService(directory: directory, process: process, client: client, sync: sync)
    }

    /// Stops the service with SIGTERM (returns the exit status) and closes the clients; the directory stays.
    @discardableResult
    func stop() async throws -> Int32 {
        await client.close()
        await sync.close()
        return try await process.stop()
    }

    /// Stops everything and removes the directory.
    func finish() async {
        _ = try? await stop()
        directory.remove()
    }

    /// Submits a document and returns the raw reply.
    func submit(_ request: SubmitDocument) async throws -> Envelope {
        try await client.request(request)
    }

    /// Submits a document that must be accepted.
    func accept(_ request: SubmitDocument) async throws -> SubmitAccepted {
        let reply = try await submit(request)
        if reply.carries(SubmitRejected.self) {
            throw IngestTestError.unexpectedRejection(try reply.decode(SubmitRejected.self))
        }
        return try reply.decode(SubmitAccepted.self)
    }

    /// Submits a document that must be rejected; returns the rejection.
    func reject(_ request: SubmitDocument) async throws -> SubmitRejected {
        let reply = try await submit(request)
        guard reply.carries(SubmitRejected.self) else { throw IngestTestError.unexpectedReply(reply.type) }
        return try reply.decode(SubmitRejected.self)
    }

    /// The status reply.
    func status() async throws -> IngestStatus {
        try await client.request(IngestStatusRequest(), expecting: IngestStatus.self)
    }

    /// Every stream entry after `after`, asking in batches of `limit`.
    func replay(after: UInt64, limit: Int = 1000) async throws -> [ReplayEntry] {
        var entries: [ReplayEntry] = []
        var cursor = after
        while true {
            let batch = try await sync.request(
                ReplayRequest(stream: KechuangStream.ingest, afterSequence: cursor, limit: limit),
                expecting: ReplayBatch.self)
            entries += batch.entries
            guard batch.hasMore, let last = batch.entries.last else { return entries }
            cursor = last.sequence
        }
    }
}

/// Unexpected outcomes in ingest integration tests.
enum IngestTestError: Error, CustomStringConvertible {
    case unexpectedRejection(SubmitRejected)
    case unexpectedReply(MessageType)

    var description: String {
        switch self {
        case .unexpectedRejection(let rejection): "unexpected rejection: \(rejection)"
        case .unexpectedReply(let type): "unexpected reply type \(type)"
        }
    }
}

/// Test documents.
enum IngestDocuments {
    /// The repository root (this file is `Tests/IntegrationTests/IngestTestService.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed report.
    static func seedReport() throws -> String {
        try String(
            contentsOf: repositoryRoot.deletingLastPathComponent()
                .appendingPathComponent("shared/fixtures/reports/zhangjiagang-2024.txt"),
            encoding: .utf8)
    }

    /// A valid GB 32100 credit code for a serial number.
    static func creditCode(_ serial: Int) -> String {
        let digits = String(serial)
        let prefix = "9132058256" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
        return (try? UnifiedSocialCreditCode.make(prefix17: prefix).rawValue) ?? prefix + "?"
    }

    /// A CSV filing batch of `rows` rows.
    static func filingCSV(rows: Int, firstSerial: Int = 1, year: Int = 2024) -> String {
        var lines = ["year,creditCode,enterpriseName,operatingRevenue,rdExpense,totalStaff,rdStaff"]
        for serial in firstSerial..<(firstSerial + rows) {
            lines.append("\(year),\(creditCode(serial)),张家港集成测试企业\(serial),\(10_000 + serial),\(500 + serial),100,20")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Subject records as CSV: one incubator, R&D institution, enterprise (credit code of serial 1) and town.
    static func subjectCSV() -> String {
        [
            "kind,id,name,town,period,level,tenants,graduates,researchers,rdExpense,gdp,industry",
            "incubator,FH-320582-001,张家港国际科技创业园,杨舍镇,2024,5,120,86,,,,",
            "rd_institution,YF-320582-001,张家港市新材料工程技术研究中心,塘桥镇,2024,3,,,45,12500000.25,,新材料",
            "enterprise,\(creditCode(1)),张家港集成测试企业1,杨舍镇,2024,,,,,3000000,,",
            "town_park,ZQ-320582-01,杨舍镇,杨舍镇,2024,,,,,880000000,98000000000,",
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// Program events as JSON lines.
    static func eventLines(count: Int, firstSerial: Int = 1) -> String {
        (firstSerial..<(firstSerial + count)).map { serial in
            "{\"type\":\"tech_loan_granted\",\"date\":\"2024-05-0\(serial % 9 + 1)\",\"creditCode\":\"\(creditCode(serial))\","
                + "\"amount\":{\"amount\":\"\(100 * serial)\",\"unit\":\"万元\"}}"
        }.joined(separator: "\n")
    }
}
