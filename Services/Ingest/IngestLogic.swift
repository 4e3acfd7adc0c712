import Contracts
import Domain
import Extraction
import Foundation
import Messaging

/// The pure decisions of ingest: check a submission, parse it by kind, and produce the ordered events it yields.
/// No I/O; the store and the sockets are elsewhere.
struct IngestLogic: Sendable {
    /// The most warnings returned in one reply (the rest are summarised).
    static let maximumWarnings = 50

    /// Reads report figures.
    let extractor: ReportExtractor
    /// What a valid subject record is (catalog kinds, scoring inputs per kind).
    let subjectRules: SubjectRecordRules
    /// Largest accepted document, in bytes.
    let maxDocumentBytes: Int

    /// Creates the logic with `catalog` and the size limit.
    init(catalog: Catalog, maxDocumentBytes: Int) {
        extractor = ReportExtractor(catalog: catalog)
        subjectRules = SubjectRecordRules(catalog: catalog)
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Transport checks: one of content/base64, size, UTF-8, not empty.
    func decode(_ request: SubmitDocument) -> Result<DecodedContent, SubmitRejected> {
        ContentDecoder.decode(request, maxBytes: maxDocumentBytes)
    }

    /// Parses checked content of `request.kind` and builds its events.
    /// - Throws: ``IngestFailure/rejected(_:)`` for bad documents, ``IngestFailure/internalError(_:)`` if an event
    ///   cannot be encoded.
    func prepare(
        _ request: SubmitDocument, content: DecodedContent, currentYear: Int
    ) throws(IngestFailure) -> PreparedDocument {
        let documentID = content.documentID
        var facts: [PreparedEvent] = []
        var counts: [String: Int] = [:]
        var warnings: [String] = []
        do {
            switch request.kind {
            case .report:
                if let year = request.reportYear, year > currentYear {
                    throw IngestFailure.rejected(SubmitRejected(
                        code: .unreadableReport, message: "reportYear \(year) is after the current year \(currentYear)",
                        problems: [RejectionProblem(message: "future report year", field: "reportYear")]))
                }
                if let year = request.reportYear, year < Catalog.earliestYear {
                    throw IngestFailure.rejected(SubmitRejected(
                        code: .unreadableReport,
                        message: "reportYear \(year) is before \(Catalog.earliestYear), outside the catalog's plausible years",
                        problems: [RejectionProblem(message: "report year before \(Catalog.earliestYear)", field: "reportYear")]))
                }
                let result = extractor.extract(
                    String(content.parsableText), defaultPeriod: request.reportYear.map(String.init),
                    documentID: documentID)
                for observation in result.observations {
                    facts.append(try PreparedEvent(ObservationExtracted(documentID: documentID, observation: observation)))
                }
                counts["observations"] = result.observations.count
                counts["matched"] = result.observations.filter { $0.indicatorID != nil }.count
                warnings = result.warnings.map(\.message)
                if result.observations.isEmpty { warnings.insert("no figures found in the report", at: 0) }
            case .filing:
                switch FilingParser.parse(content.parsableText, currentYear: currentYear) {
                case .failure(let rejection):
                    throw IngestFailure.rejected(rejection)
                case .success(let filings):
                    for record in filings {
                        facts.append(PreparedEvent(
                            FilingRecorded(documentID: documentID, row: record.index, filing: record.value)))
                    }
                    counts["filings"] = filings.count
                    counts["enterprises"] = Set(filings.map(\.value.creditCode)).count
                }
            case .events:
                switch EventsParser.parse(content.parsableText, currentYear: currentYear) {
                case .failure(let rejection):
                    throw IngestFailure.rejected(rejection)
                case .success(let events):
                    for record in events {
                        facts.append(PreparedEvent(
                            ProgramEventRecorded(documentID: documentID, line: record.line, event: record.value)))
                    }
                    counts["events"] = events.count
                }
            case .subjects:
                switch SubjectRecordParser.parse(content.parsableText, rules: subjectRules, currentYear: currentYear) {
                case .failure(let rejection):
                    throw IngestFailure.rejected(rejection)
                case .success(let records):
                    for record in records {
                        facts.append(try PreparedEvent(
                            SubjectRecorded(documentID: documentID, row: record.index, record: record.value)))
                    }
                    counts["subjects"] = records.count
                    counts["kinds"] = Set(records.map(\.value.kind)).count
                }
            }
            let stored = DocumentStored(
                documentID: documentID, kind: request.kind, name: request.name, contentHash: content.contentHash,
                byteCount: content.byteCount, reportYear: request.reportYear)
            facts.insert(try PreparedEvent(stored), at: 0)
        } catch let failure as IngestFailure {
            throw failure
        } catch {
            throw .internalError("cannot encode an ingest event: \(error)")
        }
        if warnings.count > Self.maximumWarnings {
            let extra = warnings.count - Self.maximumWarnings
            warnings = Array(warnings.prefix(Self.maximumWarnings)) + ["… and \(extra) more warnings"]
        }
        return PreparedDocument(
            documentID: documentID, kind: request.kind, name: request.name, content: content,
            reportYear: request.reportYear, events: facts, counts: counts, warnings: warnings)
    }

    /// The current year in China Standard Time (filings and events may not be dated after it).
    ///
    /// China keeps UTC+8 all year (no daylight saving since 1991), so the year is the proleptic Gregorian year of
    /// the day `now + 8 h` falls on, counted from days since 1970 (H. Hinnant's `civil_from_days`) — asked for every
    /// document, a `Calendar` with a time zone cost 1.3 % of ingest's CPU per one-event document.
    /// `IngestLogicTests.currentYearMatchesTheShanghaiCalendar` compares it with `Calendar`.
    static func currentYear(now: Date = Date()) -> Int {
        let seconds = Int64((now.timeIntervalSince1970 + 8 * 3600).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        // Years run March to February here: January and February belong to the next calendar year.
        return Int(yearOfEra + era * 400 + (monthFromMarch >= 10 ? 1 : 0))
    }
}
