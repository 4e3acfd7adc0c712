import Contracts
import Domain
import Foundation
import Messaging
import Testing
@testable import IngestService

@Suite struct IngestLogicTests {
    static let catalog: Catalog? = try? Catalog.bundled()

    private func logic(max: Int = 16 << 20) throws -> IngestLogic {
        IngestLogic(catalog: try #require(Self.catalog), maxDocumentBytes: max)
    }

    private func prepare(_ request: SubmitDocument, year: Int = 2025) throws -> PreparedDocument {
        let logic = try logic()
        let content = try logic.decode(request).get()
        return try logic.prepare(request, content: content, currentYear: year)
    }

    @Test func currentYearMatchesTheShanghaiCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        // New Year in Shanghai is 16:00 UTC on 31 December: the second before and the second itself, 1992–2200.
        for year in 1992...2200 {
            let newYear = try #require(calendar.date(from: DateComponents(year: year, month: 1, day: 1)))
            #expect(IngestLogic.currentYear(now: newYear) == year, "\(newYear)")
            #expect(IngestLogic.currentYear(now: newYear.addingTimeInterval(-1)) == year - 1, "\(newYear)")
            #expect(IngestLogic.currentYear(now: newYear.addingTimeInterval(-0.001)) == year - 1, "\(newYear)")
        }
        // Random instants from 1992 to 2400 (past the 2100 and 2200 non-leap centuries and the 2400 leap one).
        var state: UInt64 = 2026
        for _ in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = 694_224_000 + Double((state >> 11) % 12_928_000_000_000) / 1000
            let now = Date(timeIntervalSince1970: seconds)
            #expect(IngestLogic.currentYear(now: now) == calendar.component(.year, from: now), "\(now)")
        }
    }

    @Test func countsAreStoredAsJSONWithSortedKeys() throws {
        #expect(IngestStore.countsJSON([:]) == "{}")
        #expect(IngestStore.countsJSON(["filings": 5, "enterprises": 3, "引号\"": -1])
            == #"{"enterprises":3,"filings":5,"引号\"":-1}"#)
        let counts = ["observations": 22, "matched": 19]
        #expect(try JSONDecoder().decode([String: Int].self, from: Data(IngestStore.countsJSON(counts).utf8)) == counts)
    }

    @Test func seedReportYieldsDocumentStoredThenObservations() throws {
        let text = try IngestFixtures.seedReport()
        let prepared = try prepare(SubmitDocument(kind: .report, content: text, name: "zhangjiagang-2024.txt", reportYear: 2024))
        #expect(prepared.events.first?.type == DocumentStored.messageType)
        #expect(prepared.events.first?.topic == "ingest.document.report")
        let observations = prepared.events.dropFirst()
        #expect(observations.allSatisfy { $0.type == ObservationExtracted.messageType })
        #expect(observations.count == prepared.counts["observations"])
        #expect((prepared.counts["observations"] ?? 0) >= 20)
        #expect((prepared.counts["matched"] ?? 0) >= 20)
        let first = try JSONDecoder().decode(ObservationExtracted.self, from: try #require(observations.first).body)
        #expect(first.documentID == prepared.documentID)
        #expect(first.observation.documentID == prepared.documentID)
        let stored = try JSONDecoder().decode(DocumentStored.self, from: try #require(prepared.events.first).body)
        #expect(stored.contentHash == ContentHash.hex(of: text))
        #expect(stored.reportYear == 2024)
    }

    @Test func filingBatchYieldsOneEventPerRowInOrder() throws {
        let text = try (1...5).map { try IngestFixtures.filingJSON(serial: $0) }.joined(separator: "\n")
        let prepared = try prepare(SubmitDocument(kind: .filing, content: text))
        #expect(prepared.events.count == 6)
        #expect(prepared.counts == ["filings": 5, "enterprises": 5])
        let rows = try prepared.events.dropFirst().map { try JSONDecoder().decode(FilingRecorded.self, from: $0.body).row }
        #expect(rows == [1, 2, 3, 4, 5])
        #expect(prepared.events[1].topic == "ingest.filing.2024")
    }

    @Test func eventsDocumentYieldsProgramEvents() throws {
        let text = try IngestFixtures.loanEventJSON(serial: 1) + "\n" + IngestFixtures.loanEventJSON(serial: 2)
        let prepared = try prepare(SubmitDocument(kind: .events, content: text))
        #expect(prepared.counts == ["events": 2])
        #expect(prepared.events.dropFirst().allSatisfy { $0.topic == "ingest.program.tech_loan_granted" })
    }

    @Test func subjectsDocumentYieldsOneSubjectRecordedPerRecord() throws {
        // A spreadsheet export: byte-order mark, CRLF.
        let text = "\u{FEFF}kind,id,name,town,period,level,tenants,researchers\r\n"
            + "incubator,FH-001,张家港国际科技创业园,杨舍镇,2024,5,120,\r\n"
            + "rd_institution,YF-001,张家港市新材料工程技术研究中心,,2024,3,,45\r\n"
            + "incubator,FH-002,张家港青年创业园,塘桥镇,2024,2,30,\r\n"
        let prepared = try prepare(SubmitDocument(kind: .subjects, content: text, name: "subjects-2024.csv"))
        #expect(prepared.kind == .subjects)
        #expect(prepared.counts == ["subjects": 3, "kinds": 2])
        #expect(prepared.events.count == 4)
        #expect(prepared.events.first?.topic == "ingest.document.subjects")
        #expect(prepared.events.dropFirst().map(\.topic.rawValue)
            == ["ingest.subject.incubator", "ingest.subject.rd_institution", "ingest.subject.incubator"])
        #expect(prepared.events.dropFirst().allSatisfy { $0.type == SubjectRecorded.messageType })
        let recorded = try prepared.events.dropFirst().map { try JSONDecoder().decode(SubjectRecorded.self, from: $0.body) }
        #expect(recorded.map(\.row) == [1, 2, 3])
        #expect(recorded.allSatisfy { $0.documentID == prepared.documentID })
        #expect(recorded[0].record.name == "张家港国际科技创业园")
        #expect(recorded[0].record.values == ["level": 5, "tenants": 120])
        #expect(recorded[1].record.values == ["level": 3, "researchers": 45])
    }

    @Test func badSubjectDocumentsAreRejectedWholeWithTheirCodes() throws {
        func rejection(_ text: String, max: Int = 16 << 20) throws -> SubmitRejected? {
            let logic = try logic(max: max)
            let request = SubmitDocument(kind: .subjects, content: text)
            switch logic.decode(request) {
            case .failure(let rejection): return rejection
            case .success(let content):
                do {
                    _ = try logic.prepare(request, content: content, currentYear: 2025)
                    return nil
                } catch {
                    if case .rejected(let rejection) = error { return rejection }
                    return nil
                }
            }
        }
        let bad = try #require(try rejection("kind,id,name,period,tenants\nincubator,FH-1,园区,2024,10\nincubator,FH-2,园区,2031,-1\n"))
        #expect(bad.code == .invalidSubject)
        #expect(bad.problems.map(\.field) == ["period", "tenants"])
        #expect(bad.problems.map(\.line) == [3, 3])
        let tooLarge = try #require(try rejection("kind,id,name,period\n" + String(repeating: "incubator,FH-1,园区,2024\n", count: 10), max: 64))
        #expect(tooLarge.code == .tooLarge)
        #expect(tooLarge.problems.first?.limit == "64 bytes")
    }

    @Test func badDocumentsAreTypedRejections() throws {
        func code(_ request: SubmitDocument) throws -> RejectionCode? {
            let logic = try logic()
            let content = try logic.decode(request).get()
            do {
                _ = try logic.prepare(request, content: content, currentYear: 2025)
                return nil
            } catch {
                if case .rejected(let rejection) = error { return rejection.code }
                return nil
            }
        }
        #expect(try code(SubmitDocument(kind: .filing, content: "[{]")) == .malformedJSON)
        #expect(try code(SubmitDocument(kind: .events, content: "not json")) == .malformedJSON)
        #expect(try code(SubmitDocument(kind: .filing, content: "a,\"b\n")) == .malformedCSV)
        #expect(try code(SubmitDocument(kind: .report, content: "2024年 83家", reportYear: 2031)) == .unreadableReport)
    }

    @Test func reportWithoutFiguresIsAcceptedWithAWarning() throws {
        let prepared = try prepare(SubmitDocument(kind: .report, content: "科技局召开工作会议。"))
        #expect(prepared.events.count == 1)
        #expect(prepared.warnings.first == "no figures found in the report")
    }

    @Test func currentYearIsChinaStandardTime() {
        // 2024-12-31T16:30:00Z is already 2025-01-01 in Beijing.
        #expect(IngestLogic.currentYear(now: Date(timeIntervalSince1970: 1_735_662_600)) == 2025)
    }
}
