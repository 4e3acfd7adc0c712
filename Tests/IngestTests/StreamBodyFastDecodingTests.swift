import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import IngestService

/// Every ingest-stream body that ingest writes is decoded by `FastJSONDecoder` itself (its followers — metrics,
/// scoring, notify, web — decode each one) and to exactly the value `JSONDecoder` gives. A body type that started to
/// fall back (say, a new field of a type `JSONDecoder` treats specially) would fail here, not only in a benchmark.
@Suite struct StreamBodyFastDecodingTests {
    private func prepare(_ request: SubmitDocument) throws -> PreparedDocument {
        let logic = IngestLogic(catalog: try Catalog.bundled(), maxDocumentBytes: 16 << 20)
        return try logic.prepare(request, content: try logic.decode(request).get(), currentYear: 2025)
    }

    private func check<T: Decodable & Equatable>(_ type: T.Type, _ body: Data) throws {
        let fast = FastJSONDecoder.decode(type, from: body)
        #expect(fast != nil, "\(T.self) fell back to JSONDecoder: \(String(decoding: body, as: UTF8.self))")
        #expect(fast == (try JSONDecoder().decode(type, from: body)))
    }

    @Test func everyKindOfIngestEventTakesTheFastPath() throws {
        let filings = try (1...3).map { try IngestFixtures.filingJSON(serial: $0) }.joined(separator: "\n")
        let events = try IngestFixtures.loanEventJSON(serial: 1)
        let subjects = "kind,id,name,town,period,level,tenants\nincubator,FH-001,张家港国际科技创业园,杨舍镇,2024,5,120\n"
        let documents = [
            SubmitDocument(kind: .report, content: try IngestFixtures.seedReport(), name: "seed.txt", reportYear: 2024),
            SubmitDocument(kind: .filing, content: filings),
            SubmitDocument(kind: .events, content: events),
            SubmitDocument(kind: .subjects, content: subjects, name: "subjects-2024.csv"),
        ]
        var seen: Set<String> = []
        for document in documents {
            for event in try prepare(document).events {
                seen.insert(event.type.rawValue)
                switch event.type {
                case DocumentStored.messageType: try check(DocumentStored.self, event.body)
                case ObservationExtracted.messageType: try check(ObservationExtracted.self, event.body)
                case FilingRecorded.messageType: try check(FilingRecorded.self, event.body)
                case ProgramEventRecorded.messageType: try check(ProgramEventRecorded.self, event.body)
                case SubjectRecorded.messageType: try check(SubjectRecorded.self, event.body)
                default: Issue.record("unexpected event type \(event.type)")
                }
            }
        }
        #expect(seen.count == 5)
    }
}
