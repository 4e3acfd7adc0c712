import Contracts
import Foundation
import Logging
import Messaging
import Storage

/// Answers the ingest request endpoint: `ingest.submit`, `ingest.status`, `ingest.get`. Never throws and never
/// crashes on bad input: every refusal is a typed reply and a structured log line.
struct IngestRequestHandler: RequestHandler {
    /// The pure decisions.
    let logic: IngestLogic
    /// The database.
    let store: IngestStore
    /// Called after each commit with the new stream head and the events just stored (the stream owner publishes
    /// them, or reads the log).
    let committed: @Sendable (UInt64, [StoredEnvelope]) -> Void
    /// Structured logs.
    let logger: Logger
    /// When the service started (for `uptimeSeconds`).
    let startedAt: ContinuousClock.Instant
    /// The current year (filings and events may not be dated after it).
    let currentYear: @Sendable () -> Int
    /// The converter step for PDF, DOCX and HTML reports.
    var conversion = ReportConversion(converter: nil, maxBytes: IngestConfiguration.defaultMaxDocumentBytes)
    /// This process's identity in status replies (``IngestStatus/instance``): new at every start.
    var instance: String = UUID().uuidString

    func handle(_ request: Envelope) async -> any WireMessage {
        switch request.type {
        case SubmitDocument.messageType:
            return await submit(request)
        case IngestStatusRequest.messageType:
            do {
                _ = try request.decode(IngestStatusRequest.self)
            } catch {
                return ErrorReply(error)
            }
            return await status()
        case GetDocument.messageType:
            return await get(request)
        default:
            return ErrorReply(code: .unknownType, message: "ingest.req does not serve \"\(request.type)\"")
        }
    }

    // MARK: Submit

    private func submit(_ envelope: Envelope) async -> any WireMessage {
        let request: SubmitDocument
        do {
            request = try envelope.decode(SubmitDocument.self)
        } catch {
            if case let .invalidBody(_, field, reason) = error, field == "kind" {
                return reject(
                    SubmitRejected(
                        code: .unknownKind,
                        message: "unknown document kind; expected one of "
                            + DocumentKind.allCases.map(\.rawValue).joined(separator: ", "),
                        problems: [RejectionProblem(message: reason, field: "kind")]),
                    kind: nil, name: nil, bytes: envelope.body.count)
            }
            logger.notice("request rejected", metadata: [
                "type": "\(envelope.type)", "code": "\(error.code)", "error": "\(EchoedText.truncate(error.description))"])
            return ErrorReply(error)
        }
        let content: DecodedContent
        let decoded: Result<DecodedContent, SubmitRejected>
        switch conversion.classify(request) {
        case nil:
            decoded = logic.decode(request)
        case .failure(let rejection):
            decoded = .failure(rejection)
        case .success(let binary):
            // A resubmitted file is answered from the store without converting it again.
            do {
                if let existing = try await store.document(hash: binary.contentHash) {
                    return duplicate(existing, request: request)
                }
            } catch {
                logger.error("submit failed", metadata: ["error": "\(error)", "kind": "\(request.kind)"])
                return ErrorReply(code: .internal, message: "reading the document store failed: \(error)")
            }
            decoded = await conversion.convert(binary, logger: logger)
        }
        switch decoded {
        case .failure(let rejection):
            return reject(rejection, kind: request.kind, name: request.name, bytes: envelope.body.count)
        case .success(let decoded):
            content = decoded
        }
        do {
            // A duplicate is found inside the write transaction anyway (`StoreOutcome.duplicate`); asking first costs
            // a round trip to a reader thread per document, worth it only where preparing costs more than that.
            if Self.worthCheckingForDuplicateFirst(request.kind, content: content),
               let existing = try await store.document(hash: content.contentHash) {
                return duplicate(existing, request: request)
            }
            let preparation = Result { () throws(IngestFailure) in
                try logic.prepare(request, content: content, currentYear: currentYear())
            }
            // Content stored earlier stays answered as a duplicate even if today's rules (the current year) would
            // refuse it now, exactly as when the duplicate check ran first.
            if case .failure(.rejected) = preparation, let existing = try await store.document(hash: content.contentHash) {
                return duplicate(existing, request: request)
            }
            let prepared = try preparation.get()
            switch try await store.store(prepared) {
            case let .stored(first, last, entries):
                committed(last, entries)
                logger.info("document stored", metadata: [
                    "document": "\(prepared.documentID)", "kind": "\(request.kind)", "name": "\(request.name ?? "")",
                    "bytes": "\(content.byteCount)", "first_seq": "\(first)", "last_seq": "\(last)",
                    "counts": Self.logged(prepared.counts)])
                return SubmitAccepted(
                    documentID: prepared.documentID, contentHash: content.contentHash, kind: request.kind,
                    duplicate: false, firstSequence: first, lastSequence: last, counts: prepared.counts,
                    warnings: prepared.warnings)
            case .duplicate(let existing):
                return duplicate(existing, request: request)
            }
        } catch let failure as IngestFailure {
            switch failure {
            case .rejected(let rejection):
                return reject(rejection, kind: request.kind, name: request.name, bytes: content.byteCount)
            case .internalError(let message):
                logger.error("submit failed", metadata: ["error": "\(message)"])
                return ErrorReply(code: .internal, message: message)
            }
        } catch let error where StorageError.isStorageFull(error) {
            logger.error("submit failed: storage full", metadata: [
                "error": "\(error)", "kind": "\(request.kind)", "database": "\(store.database.path)"])
            return SubmitRejected(
                code: .storageFull,
                message: "ingest's disk is full (\(store.database.path)); nothing was stored. Retry later, once space was freed "
                    + "(resubmitting is safe: documents are deduplicated by content hash)")
        } catch {
            logger.error("submit failed", metadata: ["error": "\(error)", "kind": "\(request.kind)"])
            return ErrorReply(code: .internal, message: "storing the document failed: \(error)")
        }
    }

    /// Whether to look a document up by content hash before preparing it: for reports (extraction costs ~1–2 ms) and
    /// large documents; a small filing or events document is prepared in tens of microseconds, less than the
    /// reader-thread hop of the lookup (measured with `kechuang-benchmarks ingest`, `ingest.e2e.event_1`).
    static func worthCheckingForDuplicateFirst(_ kind: DocumentKind, content: DecodedContent) -> Bool {
        kind == .report || content.byteCount >= duplicateCheckFirstBytes
    }

    /// A document's counts as log metadata: a dictionary, which the log line writes sorted by name
    /// (`counts="{enterprises=300,filings=300}"`), not the dictionary's own description, whose order changes from
    /// one run to the next.
    static func logged(_ counts: [String: Int]) -> Logger.MetadataValue {
        .dictionary(counts.mapValues { .stringConvertible($0) })
    }

    /// Documents from this size on are looked up before they are prepared.
    static let duplicateCheckFirstBytes = 64 * 1024

    private func duplicate(_ existing: DocumentRow, request: SubmitDocument) -> SubmitAccepted {
        logger.info("duplicate document", metadata: [
            "document": "\(existing.id)", "kind": "\(existing.kind)", "name": "\(request.name ?? "")"])
        var warnings: [String] = []
        if existing.kind != request.kind {
            warnings.append("identical content was stored earlier as kind \(existing.kind.rawValue)")
        }
        return SubmitAccepted(
            documentID: existing.id, contentHash: existing.contentHash, kind: existing.kind, duplicate: true,
            firstSequence: nil, lastSequence: nil, counts: existing.counts, warnings: warnings)
    }

    private func reject(_ rejection: SubmitRejected, kind: DocumentKind?, name: String?, bytes: Int) -> SubmitRejected {
        var metadata: Logger.Metadata = [
            "code": "\(rejection.code)", "reason": "\(EchoedText.truncate(rejection.message))",
            "problems": "\(rejection.problems.count)", "kind": "\(kind?.rawValue ?? "?")",
            "name": "\(EchoedText.truncate(name ?? "", limit: EchoedText.fieldLimit))", "bytes": "\(bytes)",
        ]
        if let first = rejection.problems.first { metadata["first_problem"] = "\(EchoedText.truncate("\(first)"))" }
        logger.notice("document rejected", metadata: metadata)
        return rejection
    }

    // MARK: Status and get

    private func status() async -> any WireMessage {
        do {
            let counts = try await store.counts()
            let uptime = ContinuousClock.now - startedAt
            return IngestStatus(
                documents: counts.documents, events: counts.events, lastSequence: counts.head,
                storageBytes: store.storageBytes(), uptimeSeconds: uptime.components.seconds,
                instance: instance)
        } catch {
            logger.error("status failed", metadata: ["error": "\(error)"])
            return ErrorReply(code: .internal, message: "status failed: \(error)")
        }
    }

    private func get(_ envelope: Envelope) async -> any WireMessage {
        do {
            let request = try envelope.decode(GetDocument.self)
            guard let document = try await store.documentReply(id: request.documentID) else {
                return ErrorReply(
                    code: .notFound, message: "no document with id \"\(request.documentID)\"", field: "documentID")
            }
            return document
        } catch let error as EnvelopeError {
            return ErrorReply(error)
        } catch {
            logger.error("get failed", metadata: ["error": "\(error)"])
            return ErrorReply(code: .internal, message: "reading the document failed: \(error)")
        }
    }
}
