import ArgumentParser
import Domain
import Extraction
import Foundation

/// `kechuang extract FILE`: runs the report extractor offline (no services needed) on a text, PDF, DOCX or HTML
/// report (``DocumentText``).
struct ExtractCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the figures of a Chinese report offline (提取报告数据).",
        discussion: """
            JSON output is {"observations": [...]}, each with value, unit, qualifier, period, subject, indicator, \
            text, start, end (Unicode-scalar offsets into the file's text; for a PDF, DOCX or HTML file into the \
            text extracted from it, as ingest stores it), bound, upper, growth, rank, fraction \
            (docs/cli.md). With --unmatched only the figures no catalog indicator recognises are listed, grouped \
            by subject (JSON: {"unmatched": [...]}), to help write a catalog override. PDF, DOCX and HTML files \
            are recognised by their bytes and converted as ingest converts them (PDF columns read in order); a \
            file that cannot be converted fails with ingest's rejection code (no_text_layer, corrupt_document, \
            encrypted_document, too_many_pages, too_large, conversion_failed, unsupported_format).
            """)

    @Argument(help: "The report: a UTF-8 text, PDF, DOCX or HTML file.")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(name: .customLong("report-year"), help: "The year figures belong to when the text does not say (e.g. 2024).")
    var reportYear: Int?

    @Option(name: .customLong("catalog"), help: "A catalog override file (JSON) merged over the bundled catalog.")
    var catalogOverride: String?

    @Flag(name: .customLong("unmatched"), help: "List only the figures no catalog indicator recognises, grouped by subject.")
    var unmatched = false

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let text = try await DocumentText.read(file)
        let catalog = try Catalog.bundled(mergingOverrideAt: catalogOverride.map { URL(fileURLWithPath: $0) })
        let result = ReportExtractor(catalog: catalog).extract(text, defaultPeriod: reportYear.map(String.init))
        switch (format, unmatched) {
        case (.json, false): print(ExtractionJSON.render(result), terminator: "")
        case (.table, false): print(ExtractionTable.render(result), terminator: "")
        case (.json, true): print(UnmatchedFigures(result).renderJSON(), terminator: "")
        case (.table, true): print(UnmatchedFigures(result).renderTable(), terminator: "")
        }
    }
}
