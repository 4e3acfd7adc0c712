import Contracts
import Foundation
import Messaging
import Testing

/// The real `kechuang-ingest` converting PDF, DOCX and HTML reports (fixtures of DocumentConversionTests).
@Suite(.serialized) struct IngestFormatsTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DocumentConversionTests/Fixtures/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test func convertsStoresAndRejectsByContent() async throws {
        let service = try await IngestTestService.start()
        do {
            let plain = try await service.accept(SubmitDocument(
                kind: .report, content: String(decoding: try Self.fixture("report-portion.txt"), as: UTF8.self),
                reportYear: 2024))
            // Named .txt on purpose: detected by its bytes.
            let pdf = try await service.accept(SubmitDocument(
                kind: .report, bytes: try Self.fixture("report.pdf"), name: "report.txt", reportYear: 2024))
            #expect(pdf.duplicate == false)
            #expect(pdf.counts["observations"] == plain.counts["observations"])
            let stored = try await service.client.request(
                GetDocument(documentID: pdf.documentID), expecting: GetDocumentReply.self)
            #expect(stored.content.contains("走访企业259家"))
            let again = try await service.accept(SubmitDocument(kind: .report, bytes: try Self.fixture("report.pdf")))
            #expect(again.duplicate && again.documentID == pdf.documentID)

            let docx = try await service.accept(SubmitDocument(kind: .report, bytes: try Self.fixture("report.docx"), reportYear: 2024))
            #expect((docx.counts["observations"] ?? 0) > (plain.counts["observations"] ?? 0))
            let html = try await service.accept(SubmitDocument(
                kind: .report, content: String(decoding: try Self.fixture("report.html"), as: UTF8.self), reportYear: 2024))
            #expect(html.counts["observations"] == docx.counts["observations"])

            #expect(try await service.reject(SubmitDocument(kind: .report, bytes: try Self.fixture("scanned.pdf"))).code == .noTextLayer)
            #expect(try await service.reject(SubmitDocument(kind: .report, bytes: try Self.fixture("corrupt.pdf"))).code == .corruptDocument)
            #expect(try await service.reject(SubmitDocument(kind: .report, bytes: try Self.fixture("corrupt.docx"))).code == .corruptDocument)
            #expect(try await service.reject(SubmitDocument(kind: .report, bytes: try Self.fixture("encrypted.pdf"))).code == .encryptedDocument)
            #expect(try await service.reject(SubmitDocument(kind: .filing, bytes: try Self.fixture("report.pdf"))).code == .unsupportedFormat)
            let status = try await service.status()
            #expect(status.documents["report"] == 4)
            #expect(try await service.stop() == 0)
        } catch {
            await service.finish()
            throw error
        }
        service.directory.remove()
    }
}
