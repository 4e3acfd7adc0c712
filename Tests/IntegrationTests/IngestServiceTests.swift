import KechuangTestSupport
import Contracts
import Domain
import Foundation
import Messaging
import Testing
import ZeroMQ

/// Runs the real `kechuang-ingest` (build it first:
/// `swift build --scratch-path .build-ingest --product kechuang-ingest`).
@Suite(.serialized) struct IngestServiceTests {
    @Test func submitsEachKindAndServesGetAndStatus() async throws {
        let service = try await IngestTestService.start()
        do {
            let report = try await service.accept(SubmitDocument(
                kind: .report, content: try IngestDocuments.seedReport(), name: "zhangjiagang-2024.txt", reportYear: 2024))
            #expect(report.duplicate == false)
            #expect(report.firstSequence == 1)
            #expect((report.counts["observations"] ?? 0) >= 20)
            let reportLast = try #require(report.lastSequence)
            #expect(reportLast == 1 + UInt64(report.counts["observations"] ?? 0))

            let filing = try await service.accept(SubmitDocument(kind: .filing, content: IngestDocuments.filingCSV(rows: 3)))
            #expect(filing.firstSequence == reportLast + 1)
            #expect(filing.lastSequence == reportLast + 4)
            #expect(filing.counts["filings"] == 3)

            let events = try await service.accept(SubmitDocument(kind: .events, content: IngestDocuments.eventLines(count: 2)))
            #expect(events.firstSequence == reportLast + 5)
            #expect(events.lastSequence == reportLast + 7)

            let stored = try await service.client.request(
                GetDocument(documentID: filing.documentID), expecting: GetDocumentReply.self)
            #expect(stored.content == IngestDocuments.filingCSV(rows: 3))
            #expect(stored.kind == .filing)
            #expect(stored.contentHash == filing.contentHash)

            let status = try await service.status()
            #expect(status.documents == ["report": 1, "filing": 1, "events": 1, "subjects": 0])
            #expect(status.lastSequence == reportLast + 7)
            #expect(status.events == Int(reportLast + 7))
            #expect(status.storageBytes > 0)

            do {
                _ = try await service.client.request(GetDocument(documentID: "doc-nothing"), expecting: GetDocumentReply.self)
                Issue.record("get of an unknown id succeeded")
            } catch RequestError.rejected(let error) {
                #expect(error.code == .notFound)
            }
            #expect(try await service.stop() == 0)
        } catch {
            await service.finish()
            throw error
        }
        service.directory.remove()
    }

    @Test func subjectRecordsBecomeIngestSubjectEventsInOrder() async throws {
        let service = try await IngestTestService.start()
        do {
            let filing = try await service.accept(SubmitDocument(kind: .filing, content: IngestDocuments.filingCSV(rows: 2)))
            let csv = IngestDocuments.subjectCSV()
            let accepted = try await service.accept(SubmitDocument(kind: .subjects, content: csv, name: "subjects-2024.csv"))
            #expect(accepted.kind == .subjects)
            #expect(accepted.counts == ["subjects": 4, "kinds": 4])
            #expect(accepted.firstSequence == (filing.lastSequence ?? 0) + 1)
            #expect(accepted.lastSequence == (filing.lastSequence ?? 0) + 5)
            let lines = #"{"kind":"talent_team","id":"RC-1","name":"王博士氢能创新团队","period":"2024-H1","values":{"staff":18,"taxPaid":"1250000.55"},"attributes":{"industry":"氢能"}}"#
            let json = try await service.accept(SubmitDocument(kind: .subjects, content: lines))
            #expect(json.counts == ["subjects": 1, "kinds": 1])

            // Rejected whole, every problem named; nothing stored.
            let bad = try await service.reject(SubmitDocument(
                kind: .subjects,
                content: "kind,id,name,town,period,tenants,researchers\n"
                    + "incubator,FH-9,园区,,2024,-3,\n"
                    + "laboratory,L-1,实验室,,2024,,\n"
                    + "incubator,FH-10,园区,,2024,,12\n"))
            #expect(bad.code == .invalidSubject)
            #expect(bad.problems.map(\.line) == [2, 3, 4])
            #expect(bad.problems.map(\.field) == ["tenants", "kind", "researchers"])
            #expect(bad.problems[2].column == 27)
            let status = try await service.status()
            #expect(status.documents["subjects"] == 2)
            #expect(status.lastSequence == json.lastSequence)

            // Replay: one ingest.subject event per record, topic ingest.subject.<kind>, rows in document order.
            let envelopes = try await service.replay(after: 0).map { try $0.envelope() }
            let subjects = envelopes.filter { $0.type == SubjectRecorded.messageType }
            #expect(subjects.map(\.topic.rawValue) == [
                "ingest.subject.incubator", "ingest.subject.rd_institution", "ingest.subject.enterprise",
                "ingest.subject.town_park", "ingest.subject.talent_team",
            ])
            let recorded = try subjects.map { try $0.decode(SubjectRecorded.self) }
            #expect(recorded.map(\.row) == [1, 2, 3, 4, 1])
            #expect(recorded.prefix(4).allSatisfy { $0.documentID == accepted.documentID })
            #expect(recorded[0].record == SubjectRecord(
                kind: "incubator", id: "FH-320582-001", name: "张家港国际科技创业园", town: "杨舍镇", period: "2024",
                values: ["level": 5, "tenants": 120, "graduates": 86]))
            #expect(recorded[1].record.values["rdExpense"] == Decimal(string: "12500000.25"))
            #expect(recorded[1].record.attributes == ["industry": "新材料"])
            #expect(recorded[2].record.id == IngestDocuments.creditCode(1))
            #expect(recorded[4].record.values == ["staff": 18, "taxPaid": Decimal(string: "1250000.55") ?? 0])
            #expect(envelopes.first { $0.sequence == accepted.firstSequence }?.topic == "ingest.document.subjects")

            // The same content again: a duplicate, no new events.
            let again = try await service.accept(SubmitDocument(kind: .subjects, content: csv))
            #expect(again.duplicate && again.documentID == accepted.documentID)
            #expect(try await service.status().lastSequence == json.lastSequence)
            #expect(try await service.stop() == 0)
        } catch {
            await service.finish()
            throw error
        }
        service.directory.remove()
    }

    @Test func restartReplaysExactlyTheSameEventsFromZeroAndFromN() async throws {
        let first = try await IngestTestService.start()
        let directory = first.directory
        var before: [ReplayEntry] = []
        do {
            _ = try await first.accept(SubmitDocument(kind: .filing, content: IngestDocuments.filingCSV(rows: 25)))
            _ = try await first.accept(SubmitDocument(kind: .events, content: IngestDocuments.eventLines(count: 7)))
            before = try await first.replay(after: 0, limit: 10)
            #expect(before.map(\.sequence) == Array(1...34))
            #expect(try await first.stop() == 0)
        } catch {
            await first.finish()
            throw error
        }
        let second = try await IngestTestService.start(directory: directory)
        do {
            let fromZero = try await second.replay(after: 0, limit: 7)
            #expect(fromZero == before)
            let fromN = try await second.replay(after: 20)
            #expect(fromN == Array(before.dropFirst(20)))
            #expect(try await second.replay(after: 34).isEmpty)
            let envelope = try fromZero[0].envelope()
            #expect(envelope.type == DocumentStored.messageType)
            #expect(envelope.sequence == 1)
            // The sequence continues after the restart.
            let next = try await second.accept(SubmitDocument(kind: .events, content: IngestDocuments.eventLines(count: 1, firstSerial: 99)))
            #expect(next.firstSequence == 35)
            await second.finish()
        } catch {
            await second.finish()
            throw error
        }
    }

    @Test func acceptedDocumentsSurviveSIGKILL() async throws {
        let first = try await IngestTestService.start()
        let accepted = try await first.accept(SubmitDocument(kind: .events, content: IngestDocuments.eventLines(count: 3)))
        await first.process.kill()
        await first.client.close()
        await first.sync.close()
        let second = try await IngestTestService.start(directory: first.directory)
        do {
            #expect(try await second.status().lastSequence == accepted.lastSequence)
            let stored = try await second.client.request(
                GetDocument(documentID: accepted.documentID), expecting: GetDocumentReply.self)
            #expect(stored.content == IngestDocuments.eventLines(count: 3))
            await second.finish()
        } catch {
            await second.finish()
            throw error
        }
    }

    @Test func duplicateSubmissionReturnsTheSameIDAndNoEvents() async throws {
        let service = try await IngestTestService.start()
        do {
            let content = IngestDocuments.filingCSV(rows: 4)
            let first = try await service.accept(SubmitDocument(kind: .filing, content: content))
            let again = try await service.accept(SubmitDocument(kind: .filing, bytes: Array(content.utf8), name: "copy.csv"))
            #expect(again.duplicate)
            #expect(again.documentID == first.documentID)
            #expect(again.contentHash == first.contentHash)
            #expect(again.firstSequence == nil && again.lastSequence == nil)
            #expect(again.counts == first.counts)
            let status = try await service.status()
            #expect(status.lastSequence == first.lastSequence)
            #expect(status.documents["filing"] == 1)
            await service.finish()
        } catch {
            await service.finish()
            throw error
        }
    }

    @Test func everyRejectionIsTypedAndTheServiceKeepsServing() async throws {
        let service = try await IngestTestService.start(extra: ["--max-document-bytes", "4096"])
        do {
            func code(_ request: SubmitDocument) async throws -> RejectionCode {
                try await service.reject(request).code
            }
            // Unknown kind: the body names a kind ingest does not know.
            let headers = service.client.requests.headers
            let unknownKind = Envelope(
                topic: "ingest.submit", header: headers.header(for: SubmitDocument.messageType),
                body: Data(#"{"kind":"spreadsheet","content":"a,b"}"#.utf8))
            let unknownReply = try await service.client.requests.request(unknownKind, timeout: .seconds(20))
            #expect(try unknownReply.decode(SubmitRejected.self).code == .unknownKind)

            let invalidUTF8 = try await service.reject(SubmitDocument(kind: .report, bytes: [0x61, 0x0A, 0xFF, 0x62]))
            #expect(invalidUTF8.code == .invalidUTF8)
            #expect(invalidUTF8.message.contains("offset 2"))

            let malformedJSON = try await service.reject(SubmitDocument(kind: .filing, content: "[\n{\"year\": }\n]"))
            #expect(malformedJSON.code == .malformedJSON)
            #expect(malformedJSON.problems.first?.line == 2)
            #expect(malformedJSON.problems.first?.column == 10)

            let malformedCSV = try await service.reject(SubmitDocument(kind: .filing, content: "year,creditCode\n2024,\"x\n"))
            #expect(malformedCSV.code == .malformedCSV)
            #expect(malformedCSV.problems.first?.line == 2)

            let badCode = IngestDocuments.filingCSV(rows: 2).replacingOccurrences(
                of: IngestDocuments.creditCode(2), with: String(IngestDocuments.creditCode(2).dropLast()) + "Z")
            let creditCode = try await service.reject(SubmitDocument(kind: .filing, content: badCode))
            #expect(creditCode.code == .invalidCreditCode)
            #expect(creditCode.problems.map(\.line) == [3])

            var rows = IngestDocuments.filingCSV(rows: 3).components(separatedBy: "\r\n")
            rows[1] = rows[1].replacingOccurrences(of: ",100,20", with: ",10,20")     // R&D staff above total staff
            rows[3] = rows[3].replacingOccurrences(of: "2024,", with: "2031,")        // future year
            let impossible = try await service.reject(SubmitDocument(kind: .filing, content: rows.joined(separator: "\r\n")))
            #expect(impossible.code == .invalidFiling)
            #expect(impossible.problems.map(\.line) == [2, 4])
            #expect(impossible.problems.map(\.field) == ["rdStaff", "year"])

            #expect(try await code(SubmitDocument(kind: .events, content: "{\"type\":\"tech_loan_granted\"}")) == .invalidEvent)
            #expect(try await code(SubmitDocument(kind: .report, content: String(repeating: "科", count: 2000))) == .tooLarge)
            #expect(try await code(SubmitDocument(kind: .report, content: "  \n ")) == .empty)
            var neither = SubmitDocument(kind: .report, content: "x")
            neither.content = nil
            #expect(try await code(neither) == .badContent)

            // Wrong frame count: answered with an ErrorReply by the transport.
            let endpoint = try service.process.readiness.endpoint("ingest.req")
            let frames = try await service.client.rawExchange(
                endpoint: endpoint, frames: [Frame(), Frame(string: "ingest.submit"), Frame(string: "{}")])
            let reply = try EnvelopeCodec.decode(try #require(frames).dropFirst())
            #expect(try reply.decode(ErrorReply.self).code == .badEnvelope)

            // Above the message limit (2 × 4096 + 64 KiB): a typed `too_large` reply naming the limit.
            do {
                _ = try await service.client.request(
                    SubmitDocument(kind: .report, content: String(repeating: "a", count: 100 * 1024)),
                    expecting: SubmitAccepted.self)
                Issue.record("a message above the request limit was accepted")
            } catch RequestError.rejected(let error) {
                #expect(error.code == .tooLarge)
                #expect(error.limit == "\(2 * 4096 + 64 * 1024)")
            }
            // Above the transport cut-off (ZMQ_MAXMSGSIZE, 1 MiB over the limit): libzmq drops the connection; that
            // client times out, the service lives on.
            let huge = try await TestClient(endpoint: endpoint)
            do {
                _ = try await huge.request(
                    SubmitDocument(kind: .report, content: String(repeating: "a", count: 2 << 20)), timeout: .seconds(2))
                Issue.record("a message above MAXMSGSIZE was answered")
            } catch RequestError.timeout {
            }
            await huge.close()

            // Still serving.
            let accepted = try await service.accept(SubmitDocument(kind: .events, content: IngestDocuments.eventLines(count: 1)))
            #expect(accepted.firstSequence == 1)
            #expect(try await service.status().documents["events"] == 1)
            // A structured log line for every rejection (read after the exit, when stderr is fully drained).
            #expect(try await service.stop() == 0)
            let rejectionLogs = service.process.stderr.lines.filter { $0.contains("document rejected") }
            #expect(rejectionLogs.count == 10)
            #expect(rejectionLogs.contains { $0.contains("code=invalid_credit_code") })
            await service.finish()
        } catch {
            await service.finish()
            throw error
        }
    }

    @Test func livePublishedEventsArriveInSequenceOrderWithHeartbeats() async throws {
        let service = try await IngestTestService.start()
        do {
            let subscriber = try await service.client.subscribe(
                try service.process.readiness.endpoint("ingest.pub"), prefixes: [Topic.family("ingest")])
            let subscribed = AsyncLatch<Void>()
            let collected = Task { () -> [Envelope] in
                var received: [Envelope] = []
                for await envelope in subscriber.envelopes {
                    received.append(envelope)
                    guard envelope.carries(Heartbeat.self), let beat = try? envelope.decode(Heartbeat.self) else { continue }
                    subscribed.resolve(())
                    if beat.latestSequence >= 40 { break }
                }
                return received
            }
            // A heartbeat proves the subscription is live before anything is submitted (no slow-joiner loss).
            #expect(await subscribed.wait(timeout: .seconds(20)) != nil)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<8 {
                    group.addTask {
                        _ = try await service.accept(SubmitDocument(
                            kind: .events, content: IngestDocuments.eventLines(count: 4, firstSerial: 10 * batch + 1)))
                    }
                }
                try await group.waitForAll()
            }
            let received = try await withTimeout(.seconds(30)) { await collected.value }
            let heartbeats = received.filter { $0.carries(Heartbeat.self) }
            #expect(!heartbeats.isEmpty)
            let sequences = received.compactMap(\.sequence)
            #expect(sequences == Array(1...40))
            let replayed = try await service.replay(after: 0)
            let live = received.filter { $0.sequence != nil }
            #expect(live.map(\.body) == replayed.map { Data($0.body.utf8) })
            await subscriber.close()
            await service.finish()
        } catch {
            await service.finish()
            throw error
        }
    }
}

/// Runs `body`, failing after `timeout`.
private func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async -> T) async throws -> T {
    guard let value = try await withDeadline(timeout, body) else {
        throw RequestError.timeout(type: "test", after: timeout)
    }
    return value
}
