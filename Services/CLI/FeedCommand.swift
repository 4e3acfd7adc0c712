import ArgumentParser
import Contracts
import Foundation
import JSONText
import Messaging
import ServiceKit

/// `kechuang feed PATH…`: submits files (folders recursively) to ingest, many in flight at once.
struct FeedCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Submit reports, filings, program events and subject records to ingest (送入文档).",
        discussion: """
            Kinds are detected from the file: .txt/.md → report; .csv → subjects when the header starts with \
            kind,id,name, else filing; .json (array) or .jsonl → filing when objects carry creditCode, year and \
            operatingRevenue, subjects when they carry kind, id and values, events when they carry type and date. \
            Exit code 1 if any document was rejected or failed.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "Files or folders (folders are read recursively, sorted).")
    var paths: [String]

    @Option(help: "Force the kind of every file: report, filing, events or subjects.")
    var kind: DocumentKind?

    @Option(name: .customLong("report-year"), help: "For reports: the year figures belong to when the text does not say.")
    var reportYear: Int?

    @Option(help: "Documents in flight at once (1…32, the per-client cap of ingest.req).")
    var concurrency: Int = 16

    @Flag(help: "Show the progress line even when stderr is not a terminal.")
    var progress = false

    @Option(help: "Summary format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...32).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 32 (the per-client in-flight cap of ingest.req), got \(concurrency)")
        }
    }

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let resolved = try connection.resolve()
        let files = try FeedSource.files(for: paths)
        guard !files.isEmpty else {
            throw CLIError.unreadable(path: paths.joined(separator: " "), reason: "no files with a known extension")
        }
        let endpoint = resolved.endpoint(.ingestRequest)
        let client = try await ServiceClient.connect(service: "ingest", endpoint: endpoint)
        let interactive = isatty(2) != 0
        let progressLine = ProgressLine(total: files.count, enabled: progress || (interactive && files.count > 1), interactive: interactive)
        let started = ContinuousClock.now
        let outcomes = await Self.submitAll(
            files, client: client, kind: kind, reportYear: reportYear, concurrency: concurrency,
            timeout: resolved.timeout, progress: progressLine)
        progressLine.finish()
        await client.close()
        let elapsed = ProgressLine.seconds(ContinuousClock.now - started)
        switch format {
        case .table: print(FeedSummary.render(outcomes, elapsedSeconds: elapsed), terminator: "")
        case .json:
            for outcome in outcomes { print(Self.jsonLine(outcome)) }
        }
        if outcomes.contains(where: \.isFailure) {
            throw ExitCode(1)
        }
    }

    /// Submits every file with at most `concurrency` requests in flight; outcomes come back in file order.
    static func submitAll(
        _ files: [String], client: ServiceClient, kind: DocumentKind?, reportYear: Int?, concurrency: Int,
        timeout: Duration, progress: ProgressLine
    ) async -> [FeedOutcome] {
        var outcomes = [FeedOutcome?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, FeedOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    (index, await submit(files[index], client: client, kind: kind, reportYear: reportYear, timeout: timeout))
                }
            }
            while next < min(concurrency, files.count) { launch() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                progress.advance()
                if next < files.count { launch() }
            }
        }
        return outcomes.enumerated().map { index, outcome in
            outcome ?? FeedOutcome(path: files[index], kind: nil, result: .failed("not submitted"))
        }
    }

    /// Reads, classifies and submits one file.
    static func submit(
        _ path: String, client: ServiceClient, kind forcedKind: DocumentKind?, reportYear: Int?, timeout: Duration
    ) async -> FeedOutcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FeedOutcome(path: path, kind: forcedKind, result: .failed("cannot read the file"))
        }
        let kind: DocumentKind
        do {
            kind = try forcedKind ?? DocumentKindDetector.detect(path: path, content: data)
        } catch {
            return FeedOutcome(path: path, kind: nil, result: .failed("\(error)"))
        }
        let name = (path as NSString).lastPathComponent
        let year = kind == .report ? reportYear : nil
        let message = String(validating: data, as: UTF8.self).map {
            SubmitDocument(kind: kind, content: $0, name: name, reportYear: year)
        } ?? SubmitDocument(kind: kind, bytes: Array(data), name: name, reportYear: year)
        do {
            let reply = try await client.request(message, timeout: timeout)
            if reply.carries(SubmitAccepted.self) {
                return FeedOutcome(path: path, kind: kind, result: .accepted(try reply.decode(SubmitAccepted.self)))
            }
            if reply.carries(SubmitRejected.self) {
                return FeedOutcome(path: path, kind: kind, result: .rejected(try reply.decode(SubmitRejected.self)))
            }
            if reply.carries(ErrorReply.self) {
                return FeedOutcome(path: path, kind: kind, result: .failed("\(try reply.decode(ErrorReply.self))"))
            }
            return FeedOutcome(path: path, kind: kind, result: .failed("unexpected reply type \(reply.type)"))
        } catch {
            return FeedOutcome(path: path, kind: kind, result: .failed("\(error)"))
        }
    }

    /// One outcome as a JSON line: `{"file":…,"kind":…,"result":"accepted|duplicate|rejected|failed",…}`.
    static func jsonLine(_ outcome: FeedOutcome) -> String {
        var fields = ["\"file\":" + JSONText.quote(outcome.path), "\"kind\":" + (outcome.kind.map { JSONText.quote($0.rawValue) } ?? "null")]
        switch outcome.result {
        case let .accepted(reply):
            fields.append("\"result\":" + JSONText.quote(reply.duplicate ? "duplicate" : "accepted"))
            fields.append("\"documentID\":" + JSONText.quote(reply.documentID))
            fields.append("\"firstSequence\":" + (reply.firstSequence.map(String.init) ?? "null"))
            fields.append("\"lastSequence\":" + (reply.lastSequence.map(String.init) ?? "null"))
        case let .rejected(reply):
            fields.append("\"result\":\"rejected\"")
            fields.append("\"code\":" + JSONText.quote(reply.code.rawValue))
            fields.append("\"message\":" + JSONText.quote(reply.message))
            fields.append("\"problems\":[" + reply.problems.map { JSONText.quote($0.description) }.joined(separator: ",") + "]")
        case let .failed(reason):
            fields.append("\"result\":\"failed\"")
            fields.append("\"message\":" + JSONText.quote(reason))
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
