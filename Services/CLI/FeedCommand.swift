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
            Transient failures (no reply, ingest restarted, busy, storage_full) are retried with capped exponential \
            backoff and jitter (--retries); resubmitting is safe because ingest deduplicates by content hash. \
            Exit code 1 if any document was rejected or still failed after its retries.
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

    @Option(help: "Retries per document after a transient failure (timeout, ingest restarted, busy, storage_full), 0…100.")
    var retries: Int = 8

    @Flag(help: "Show the progress line even when stderr is not a terminal.")
    var progress = false

    @Option(help: "Summary format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (1...32).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 32 (the per-client in-flight cap of ingest.req), got \(concurrency)")
        }
        guard (0...100).contains(retries) else {
            throw ValidationError("--retries must be between 0 and 100, got \(retries)")
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
        let client = try await ServiceClient.connect(service: "ingest", endpoint: endpoint, security: resolved.security)
        // A second connection for status probes: they must not queue behind (or count against the in-flight cap
        // of) the submissions.
        let prober = try await ServiceClient.connect(service: "ingest", endpoint: endpoint, security: resolved.security)
        let interactive = isatty(2) != 0
        let progressLine = ProgressLine(total: files.count, enabled: progress || (interactive && files.count > 1), interactive: interactive)
        let started = ContinuousClock.now
        let watch = PeerRestartWatch()
        let probeTimeout = min(resolved.timeout, .seconds(1))
        @Sendable func probe() async -> PeerRestartWatch.Probe {
            do {
                let status = try await prober.attempt(IngestStatusRequest(), timeout: probeTimeout)
                return .answered(instance: (try? status.decode(IngestStatus.self))?.instance)
            } catch {
                return .unanswered
            }
        }
        watch.observe(await probe())
        let watching = Task {
            await watch.run(probe: probe) { lost in
                let line = "kechuang feed: ingest 已重启 restarted (or reconnected); resubmitting \(lost) documents that were in flight\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        let outcomes = await Self.submitAll(
            files, client: client, kind: kind, reportYear: reportYear, concurrency: concurrency,
            timeout: resolved.timeout, progress: progressLine,
            retry: FeedRetryPolicy(maxAttempts: retries + 1), watch: watch)
        watching.cancel()
        _ = await watching.value
        progressLine.finish()
        await prober.close()
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

    /// Submits every file with at most `concurrency` documents in flight; outcomes come back in file order.
    /// Each document is retried by ``FeedRetryPolicy``; `watch` (when given) cancels attempts lost to an ingest
    /// restart so they are resubmitted at once.
    static func submitAll(
        _ files: [String], client: ServiceClient, kind: DocumentKind?, reportYear: Int?, concurrency: Int,
        timeout: Duration, progress: ProgressLine, retry: FeedRetryPolicy = FeedRetryPolicy(),
        watch: PeerRestartWatch? = nil
    ) async -> [FeedOutcome] {
        var outcomes = [FeedOutcome?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, FeedOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    (index, await submit(
                        files[index], client: client, kind: kind, reportYear: reportYear, timeout: timeout,
                        retry: retry, watch: watch, onRetry: { progress.retried() }))
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
            outcome ?? FeedOutcome(path: files[index], kind: nil, result: .failed("not submitted"), attempts: 0)
        }
    }

    /// Reads, classifies and submits one file, retrying transient failures within `retry`'s budget.
    static func submit(
        _ path: String, client: ServiceClient, kind forcedKind: DocumentKind?, reportYear: Int?, timeout: Duration,
        retry: FeedRetryPolicy = FeedRetryPolicy(), watch: PeerRestartWatch? = nil,
        onRetry: @escaping @Sendable () -> Void = {}
    ) async -> FeedOutcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return FeedOutcome(path: path, kind: forcedKind, result: .failed("cannot read the file"), attempts: 0)
        }
        let kind: DocumentKind
        do {
            kind = try forcedKind ?? DocumentKindDetector.detect(path: path, content: data)
        } catch {
            return FeedOutcome(path: path, kind: nil, result: .failed("\(error)"), attempts: 0)
        }
        let name = (path as NSString).lastPathComponent
        let year = kind == .report ? reportYear : nil
        let message = String(validating: data, as: UTF8.self).map {
            SubmitDocument(kind: kind, content: $0, name: name, reportYear: year)
        } ?? SubmitDocument(kind: kind, bytes: Array(data), name: name, reportYear: year)
        var attempts = 0
        var lastTransient: FeedRetryPolicy.Transient?
        while true {
            attempts += 1
            let outcome = await attempt(message, client: client, timeout: timeout, watch: watch)
            switch outcome {
            case let .final(result):
                return FeedOutcome(
                    path: path, kind: kind, result: result, attempts: attempts,
                    lastRetryReason: lastTransient.map(\.description))
            case let .transient(failure):
                lastTransient = failure
                guard retry.allowsAnother(after: attempts), !Task.isCancelled else {
                    return FeedOutcome(
                        path: path, kind: kind, result: .failed(failure.description), attempts: attempts,
                        lastRetryReason: failure.description)
                }
                onRetry()
                let delay = retry.delay(after: attempts, verdict: retry.verdict(for: failure), random: Double.random(in: 0..<1))
                if delay > .zero {
                    do { try await Task.sleep(for: delay) } catch {
                        return FeedOutcome(
                            path: path, kind: kind, result: .failed(failure.description), attempts: attempts,
                            lastRetryReason: failure.description)
                    }
                }
            }
        }
    }

    /// The outcome of one submission.
    enum AttemptOutcome: Sendable {
        /// Ingest's answer (or a failure another attempt cannot change).
        case final(FeedOutcome.Result)
        /// Worth another attempt.
        case transient(FeedRetryPolicy.Transient)
    }

    /// One submission. Runs the request in its own task so that `watch` can cancel it when ingest restarts.
    static func attempt(
        _ message: SubmitDocument, client: ServiceClient, timeout: Duration, watch: PeerRestartWatch?
    ) async -> AttemptOutcome {
        let request = Task { try await client.attempt(message, timeout: timeout) }
        let token = watch?.begin(cancel: { request.cancel() })
        let reply: Envelope
        do {
            reply = try await withTaskCancellationHandler {
                try await request.value
            } onCancel: {
                request.cancel()
            }
        } catch {
            if let token { watch?.end(token, answered: false) }
            if error is CancellationError || Task.isCancelled {
                return .transient(.peerRestarted)
            }
            if case RequestError.timeout = error { return .transient(.timeout(timeout)) }
            return .transient(.notSent("\(error)"))
        }
        if let token { watch?.end(token, answered: true) }
        do {
            if reply.carries(SubmitAccepted.self) {
                return .final(.accepted(try reply.decode(SubmitAccepted.self)))
            }
            if reply.carries(SubmitRejected.self) {
                let rejection = try reply.decode(SubmitRejected.self)
                if rejection.code == .storageFull { return .transient(.storageFull(rejection.message)) }
                return .final(.rejected(rejection))
            }
            if reply.carries(ErrorReply.self) {
                let error = try reply.decode(ErrorReply.self)
                if FeedRetryPolicy.isTransient(error) { return .transient(.refused(error)) }
                return .final(.failed("\(error)"))
            }
            return .final(.failed("unexpected reply type \(reply.type)"))
        } catch {
            return .final(.failed("\(error)"))
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
        fields.append("\"attempts\":\(outcome.attempts)")
        return "{" + fields.joined(separator: ",") + "}"
    }
}
