import Foundation
import Testing

/// `kechuang extract` on PDF, DOCX and HTML reports through the real binary (fixtures of DocumentConversionTests).
@Suite struct ExtractFormatsTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DocumentConversionTests/Fixtures/\(name)").path
    }

    /// What figures are compared on (offsets differ between a converted text and the plain text).
    struct Figure: Hashable {
        var value: String, unit: String, subject: String, indicator: String, period: String
    }

    /// The figures `kechuang extract --format json` prints for `path`.
    static func figures(_ path: String) async throws -> [Figure] {
        let result = try await EndToEndSystem.run(["extract", "--format", "json", "--report-year", "2024", path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.joined(separator: "\n").utf8))
        let observations = try #require((object as? [String: Any])?["observations"] as? [[String: Any]])
        return observations.map { row in
            Figure(value: "\(row["value"] ?? "")", unit: "\(row["unit"] ?? "")", subject: "\(row["subject"] ?? "")",
                   indicator: "\(row["indicator"] ?? "")", period: "\(row["period"] ?? "")")
        }
    }

    /// A temporary copy of `text` or `data` named `name`.
    static func temporaryFile(_ name: String, _ data: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// Removes a file made by ``temporaryFile(_:_:)`` with its folder.
    static func removeTemporary(_ path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    @Test func pdfDocxAndHTMLYieldTheFiguresOfThePlainText() async throws {
        let plainText = try String(contentsOfFile: Self.fixture("report-portion.txt"), encoding: .utf8)
        let plain = try await Self.figures(Self.fixture("report-portion.txt"))
        #expect(plain.count >= 5)
        #expect(try await Self.figures(Self.fixture("report.pdf")) == plain)
        // Two columns, a headline and a caption: read column by column, the same figures.
        #expect(try await Self.figures(Self.fixture("columns.pdf")) == plain)
        // The DOCX and HTML fixtures also carry a table, read as "row column value" lines.
        let table = ["高新技术企业 2023年 520家", "高新技术企业 2024年 600家", "有效发明专利 2023年 6400件", "有效发明专利 2024年 7180件"]
        let withTableFile = try Self.temporaryFile("plain.txt", Data((plainText + table.joined(separator: "\n") + "\n").utf8))
        defer { Self.removeTemporary(withTableFile) }
        let withTable = try await Self.figures(withTableFile)
        #expect(withTable.count > plain.count)
        #expect(try await Self.figures(Self.fixture("report.docx")) == withTable)
        #expect(try await Self.figures(Self.fixture("report.html")) == withTable)
    }

    @Test func formatIsDetectedByContentNotName() async throws {
        let disguised = try Self.temporaryFile("report.txt", Data(contentsOf: URL(fileURLWithPath: Self.fixture("columns.pdf"))))
        defer { Self.removeTemporary(disguised) }
        #expect(try await Self.figures(disguised) == Self.figures(Self.fixture("report-portion.txt")))
    }

    @Test func unconvertibleFilesFailWithIngestsRejectionCode() async throws {
        for (name, code) in [("scanned.pdf", "no_text_layer"), ("corrupt.pdf", "corrupt_document"),
                             ("encrypted.pdf", "encrypted_document"), ("corrupt.docx", "corrupt_document")] {
            let result = try await EndToEndSystem.run(["extract", Self.fixture(name)])
            #expect(result.status != 0, "\(name)")
            #expect(result.stdout.joined().isEmpty, "\(name)")
            #expect(result.stderr.joined(separator: "\n").contains(code), "\(name): \(result.stderr)")
        }
        let zip = try Self.temporaryFile("book.docx", Data([0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8)))
        defer { Self.removeTemporary(zip) }
        let result = try await EndToEndSystem.run(["extract", zip])
        #expect(result.status != 0 && result.stderr.joined().contains("unsupported_format"))
    }
}
