import ArgumentParser
import Domain
import Extraction
import Foundation

/// `kechuang extract FILE`: runs the report extractor offline (no services needed).
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the figures of a Chinese report offline (提取报告数据).",
        discussion: """
            JSON output is {"observations": [...]}, each with value, unit, qualifier, period, subject, indicator, \
            text, start, end (Unicode-scalar offsets into the file's text), bound, upper, growth, rank, fraction \
            (docs/cli.md). With --unmatched only the figures no catalog indicator recognises are listed, grouped \
            by subject (JSON: {"unmatched": [...]}), to help write a catalog override.
            """)

    @Argument(help: "The report text file (UTF-8).")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(name: .customLong("report-year"), help: "The year figures belong to when the text does not say (e.g. 2024).")
    var reportYear: Int?

    @Option(name: .customLong("catalog"), help: "A catalog override file (JSON) merged over the bundled catalog.")
    var catalogOverride: String?

    @Flag(name: .customLong("unmatched"), help: "List only the figures no catalog indicator recognises, grouped by subject.")
    var unmatched = false

    func run() throws {
        let text = try Self.readText(file)
        let catalog = try Catalog.bundled(mergingOverrideAt: catalogOverride.map { URL(fileURLWithPath: $0) })
        let result = ReportExtractor(catalog: catalog).extract(text, defaultPeriod: reportYear.map(String.init))
        switch (format, unmatched) {
        case (.json, false): print(ExtractionJSON.render(result), terminator: "")
        case (.table, false): print(ExtractionTable.render(result), terminator: "")
        case (.json, true): print(UnmatchedFigures(result).renderJSON(), terminator: "")
        case (.table, true): print(UnmatchedFigures(result).renderTable(), terminator: "")
        }
    }

    /// Reads a UTF-8 text file, naming the file and the first bad byte on failure.
    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.unreadable(path: path, reason: "no such file or not readable")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError.unreadable(path: path, reason: "not valid UTF-8")
        }
        return text
    }
}
