import Contracts
import Foundation
import Testing
@testable import KechuangCLI

@Suite("Document kind detection")
struct DocumentKindDetectorTests {
    private func detect(_ path: String, _ text: String) throws -> DocumentKind {
        try DocumentKindDetector.detect(path: path, content: Data(text.utf8))
    }

    @Test func textAndMarkdownAreReports() throws {
        #expect(try detect("a/zhangjiagang-2024.txt", "张家港市科技局") == .report)
        #expect(try detect("notes.MD", "# 报告") == .report)
    }

    @Test func csvIsFiling() throws {
        #expect(try detect("filings-2024.csv", "year,creditCode\n") == .filing)
    }

    @Test func subjectRecordFilesAreDetected() throws {
        #expect(try detect("subjects-2024.csv", "kind,id,name,town,period,tenants\nincubator,FH-1,园区,,2024,3\n") == .subjects)
        #expect(try detect("s.csv", "\u{FEFF}\n\"kind\", id ,name\r\n") == .subjects)
        #expect(try detect("s.csv", "id,kind,name\n") == .filing)
        #expect(try detect("s.csv", "kinds,id,name\n") == .filing)
        let record = #"{"kind":"incubator","id":"FH-1","name":"园区","period":"2024","values":{"tenants":3}}"#
        #expect(try detect("s.jsonl", record + "\n") == .subjects)
        #expect(try detect("s.json", "[" + record + "]") == .subjects)
        #expect(try detect("s.json", record) == .subjects)
    }

    @Test func kindSubjectsIsAnArgument() throws {
        #expect(DocumentKind(argument: "subjects") == .subjects)
        let command = try FeedCommand.parse(["--kind", "subjects", "x.csv"])
        #expect(command.kind == .subjects)
    }

    @Test func jsonLinesAreClassifiedByTheirKeys() throws {
        let filing = #"{"year":2024,"creditCode":"91320582MA1XXXXXXX","operatingRevenue":{"amount":"1","unit":"万元"}}"#
        let event = #"{"type":"enterprise_visited","date":"2024-05-01","subjectName":"某公司"}"#
        #expect(try detect("x.jsonl", "\n\n" + filing + "\n") == .filing)
        #expect(try detect("x.jsonl", event + "\n") == .events)
        #expect(try detect("x.ndjson", event) == .events)
    }

    @Test func jsonArrayAndJsonLinesInJsonFile() throws {
        let filing = #"[{"year":2024,"creditCode":"X","operatingRevenue":1,"rdExpense":0}]"#
        #expect(try detect("batch.json", filing) == .filing)
        let lines = #"{"type":"a","date":"2024-01-01"}"# + "\n" + #"{"type":"b","date":"2024-01-02"}"#
        #expect(try detect("events.json", lines) == .events)
    }

    @Test func pdfWordAndHTMLAreReportsByNameOrMagicBytes() throws {
        #expect(try detect("x.pdf", "%PDF-1.4") == .report)
        #expect(try detect("年报.docx", "PK") == .report)
        #expect(try detect("page.htm", "<p>x</p>") == .report)
        #expect(try detect("scan.bin", "%PDF-1.7\n") == .report)
        #expect(try detect("download", "\u{FEFF}  <!DOCTYPE html><html>") == .report)
        #expect(try detect("export.dat", "PK\u{3}\u{4}....word/document.xml") == .report)
    }

    @Test func unknownShapesNameTheProblem() {
        #expect(throws: CLIError.self) { try detect("x.jsonl", #"{"name":"A"}"#) }
        #expect(throws: CLIError.self) { try detect("x.xlsx", "PK") }
        #expect(throws: CLIError.self) { try detect("x.jsonl", "\n \n") }
        do {
            _ = try detect("x.json", #"{"name":"A","town":"杨舍镇"}"#)
            Issue.record("expected an error")
        } catch let error as CLIError {
            #expect(error.description.contains("--kind"))
            #expect(error.description.contains("x.json"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func folderFeedIsRecursiveSortedAndSkipsHiddenAndUnknown() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("b/events.jsonl", "{}")
        try folder.write("a.txt", "报告")
        try folder.write("b/a-filings.csv", "year\n")
        try folder.write(".hidden/x.txt", "no")
        try folder.write("b/.secret.txt", "no")
        try folder.write("image.png", "no")
        let files = try FeedSource.files(for: [folder.path])
        #expect(files.map { String($0.dropFirst(folder.path.count + 1)) } == ["a.txt", "b/a-filings.csv", "b/events.jsonl"])
        #expect(throws: CLIError.self) { try FeedSource.files(for: [folder.path + "/missing"]) }
    }
}
