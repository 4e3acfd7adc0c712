import DocumentConversion
import Domain
import Extraction
import Foundation
import Testing

/// Fixture files (made by Fixtures/make_fixtures.py with reportlab and python-docx).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The table the DOCX and HTML fixtures carry, as lines.
    static let tableLines = ["高新技术企业 2023年 520家", "高新技术企业 2024年 600家", "有效发明专利 2023年 6400件", "有效发明专利 2024年 7180件"]

    /// The built `kechuang-ingest` (its `convert-document` mode is the converter subprocess).
    static func converter(timeout: Duration = .seconds(30), maxPages: Int = 300) throws -> DocumentConverter {
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        directory.deleteLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        let candidates = [ProcessInfo.processInfo.environment["KECHUANG_BIN_DIR"], directory.path].compactMap { $0 }
        let executable = try #require(
            candidates.map { $0 + "/kechuang-ingest" }.first { FileManager.default.isExecutableFile(atPath: $0) },
            "build kechuang-ingest first (swift build --build-tests builds every product)")
        return DocumentConverter(
            executable: executable, limits: ConversionLimits(timeout: timeout, maxPDFPages: maxPages, maxTextBytes: 1 << 20))
    }
}

/// What two texts' figures are compared on (offsets differ between the plain and the converted text).
struct FigureKey: Hashable, CustomStringConvertible {
    var indicator: String?
    var value: Decimal
    var unit: String
    var period: String?
    var subject: String

    init(_ observation: ReportedObservation) {
        indicator = observation.indicatorID
        value = observation.value
        unit = "\(observation.unit)"
        period = observation.period
        subject = observation.subject
    }

    var description: String { "\(indicator ?? "-") \(subject) \(value) \(unit) \(period ?? "")" }
}

func figures(_ text: String) throws -> [FigureKey] {
    let extractor = ReportExtractor(catalog: try Catalog.bundled())
    return extractor.extract(text, defaultPeriod: "2024").observations.map(FigureKey.init)
}

@Suite struct FormatSnifferTests {
    @Test func detectsByMagicBytesNotName() throws {
        #expect(FormatSniffer.sniff(try Fixture.data("report.pdf")) == .format(.pdf))
        #expect(FormatSniffer.sniff(try Fixture.data("report.docx")) == .format(.docx))
        #expect(FormatSniffer.sniff(try Fixture.data("report.html")) == .format(.html))
        #expect(FormatSniffer.sniff(try Fixture.data("report-portion.txt")) == .format(.text))
        #expect(FormatSniffer.sniff(Data("  \n<HTML><body>x".utf8)) == .format(.html))
        #expect(FormatSniffer.sniff(Data("\u{FEFF}<!DocType html>".utf8)) == .format(.html))
        #expect(FormatSniffer.sniff(Data("报告 <html> 不在开头".utf8)) == .format(.text))
        #expect(FormatSniffer.sniff(Data([0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8))) == .otherZip)
        #expect(FormatSniffer.sniff(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])) == .compoundFile(encrypted: false))
    }
}

@Suite struct HTMLTextTests {
    @Test func dropsScriptsNavigationAndFooterAndDecodesEntities() {
        let text = HTMLText.text(of: """
            <!doctype html><html><head><title>T</title><style>p{}</style></head><body>
            <nav>首页 &gt; 动态</nav><script>var a = "<p>99家</p>";</script>
            <h1>科技局&middot;年报</h1><p>新增&ldquo;高企&rdquo;&#x31;2家&nbsp;，A&amp;B&#20013;</p><!-- 注释 18家 -->
            <footer>电话 0512-58679999</footer></body></html>
            """)
        #expect(text == "科技局·年报\n新增“高企”12家\u{00A0}，A&B中\n")
    }

    @Test func tablesBecomeRowColumnValueLines() throws {
        let text = HTMLText.text(of: try Fixture.text("report.html"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(Array(lines.suffix(4)) == Fixture.tableLines)
        #expect(!text.contains("首页") && !text.contains("999家") && !text.contains("0512"))
    }

    @Test func tableLinesWithoutHeadersJoinCells() {
        #expect(TableLines.lines([["技术合同", "成交额", "32亿元"]]) == ["技术合同 成交额 32亿元"])
        #expect(TableLines.lines([["指标", "2024年"], ["企业", ""], ["专利", " 7 件 "]]) == ["专利 2024年 7 件"])
    }
}

@Suite struct ConvertedFiguresTests {
    /// The plain text the fixtures were made from, plus (for DOCX and HTML) their table's lines.
    func plainFigures(withTable: Bool) throws -> [FigureKey] {
        var text = try Fixture.text("report-portion.txt")
        if withTable { text += Fixture.tableLines.joined(separator: "\n") + "\n" }
        return try figures(text)
    }

    @Test func pdfYieldsTheFiguresOfThePlainText() async throws {
        let text = try await Fixture.converter().convert(try Fixture.data("report.pdf"), format: .pdf).get()
        let plain = try plainFigures(withTable: false)
        #expect(plain.count >= 5)
        #expect(try figures(text) == plain)
    }

    @Test func docxYieldsTheFiguresOfThePlainText() async throws {
        let text = try await Fixture.converter().convert(try Fixture.data("report.docx"), format: .docx).get()
        #expect(text.hasPrefix("\n以市场需求为导向，加强企业主导的产\n"))
        #expect(try figures(text) == plainFigures(withTable: true))
        // In-process reader, same text.
        #expect(try DOCXText.text(of: Fixture.data("report.docx"), maxXMLBytes: 1 << 22) == text)
    }

    @Test func htmlYieldsTheFiguresOfThePlainText() async throws {
        let text = try await Fixture.converter().convert(try Fixture.data("report.html"), format: .html).get()
        #expect(try figures(text) == plainFigures(withTable: true))
    }

    @Test func tableCellsBecomeFigures() throws {
        let found = try figures(Fixture.tableLines.joined(separator: "\n") + "\n")
        #expect(found.contains { $0.value == 600 && $0.period == "2024" })
    }
}

@Suite struct ConversionFailureTests {
    @Test func scannedPDFHasNoTextLayer() async throws {
        let result = await try Fixture.converter().convert(try Fixture.data("scanned.pdf"), format: .pdf)
        #expect(result == .failure(.noTextLayer(pages: 1)))
    }

    @Test func encryptedPDFIsNamed() async throws {
        let result = await try Fixture.converter().convert(try Fixture.data("encrypted.pdf"), format: .pdf)
        #expect(result == .failure(.encrypted(format: .pdf)))
    }

    @Test func corruptFilesAreNamed() async throws {
        let converter = try Fixture.converter()
        guard case .failure(.corrupt(.pdf, _)) = await converter.convert(try Fixture.data("corrupt.pdf"), format: .pdf) else {
            Issue.record("truncated PDF not reported corrupt")
            return
        }
        guard case .failure(.corrupt(.docx, let reason)) = await converter.convert(try Fixture.data("corrupt.docx"), format: .docx) else {
            Issue.record("broken DOCX not reported corrupt")
            return
        }
        #expect(reason.contains("ZIP"))
    }

    @Test func pageCapRejectsLongPDFs() async throws {
        // report.pdf has 2 pages.
        let result = await try Fixture.converter(maxPages: 1).convert(try Fixture.data("report.pdf"), format: .pdf)
        #expect(result == .failure(.tooManyPages(limit: 1)))
    }

    @Test func subprocessIsKilledAtTheDeadline() async throws {
        let started = ContinuousClock.now
        let result = try await Subprocess.run(
            executable: "/bin/sleep", arguments: ["60"], input: Data(), timeout: .milliseconds(200), maxOutputBytes: 10)
        #expect(result.timedOut)
        // Killed, not ended by itself, and observed promptly by the runner's own thread (`waitid`), not through
        // Foundation's SIGCHLD source on Dispatch's global queue (which the parallel suite starved for up to 18 s).
        #expect(result.signaled && result.status == SIGKILL)
        #expect(result.duration < .seconds(5), "exit observed \(result.duration) after launch")
        // The hop back to this task on the shared pool is not the runner's: the parallel suite's synchronous tests
        // delay it by 15–20 s on two cores. This bound only catches a run that never returned.
        #expect(ContinuousClock.now - started < .seconds(55))
    }

    /// Children that end at once race the two observers of their exit (the runner's `waitid`, which leaves them to
    /// be reaped, and Foundation's SIGCHLD handler, which reaps them): every run still ends with its own status.
    @Test func shortLivedChildrenEndWithTheirOwnStatus() async throws {
        try await withThrowingTaskGroup(of: (Int32, SubprocessResult).self) { group in
            for code in Int32(0)..<Int32(60) {
                group.addTask {
                    (code, try await Subprocess.run(
                        executable: "/bin/sh", arguments: ["-c", "echo \(code); exit \(code % 7)"], input: Data(),
                        timeout: .seconds(30), maxOutputBytes: 100))
                }
            }
            for try await (code, result) in group {
                #expect(!result.signaled && !result.timedOut && result.status == code % 7, "child \(code): \(result.status)")
                #expect(String(decoding: result.output, as: UTF8.self) == "\(code)\n")
            }
        }
    }

    @Test func subprocessIsKilledPastTheOutputCap() async throws {
        let result = try await Subprocess.run(
            executable: "/bin/cat", arguments: [], input: Data(repeating: 0x41, count: 1 << 20), timeout: .seconds(20),
            maxOutputBytes: 1000)
        #expect(result.outputOverflow)
        #expect(result.output.count <= 1000)
    }
}
