import Foundation

/// Renders the catalog as Markdown tables for `docs/domain.md`, so the documentation is generated from the
/// data and a test can check it never drifts.
public enum CatalogDocumentation {
    /// The marker line before the generated section in `docs/domain.md`.
    public static let beginMarker = "<!-- catalog:begin -->"
    /// The marker line after the generated section in `docs/domain.md`.
    public static let endMarker = "<!-- catalog:end -->"

    /// Markdown tables of the subject kinds, programs and indicators of `catalog`, in catalog order.
    /// Deterministic: the same catalog always renders the same text (ending with a newline).
    public static func markdownTables(catalog: Catalog) -> String {
        var lines: [String] = []
        lines.append("### Innovation subject kinds (创新主体)")
        lines.append("")
        lines.append("| id | 中文 | English |")
        lines.append("|---|---|---|")
        for kind in catalog.subjectKinds {
            lines.append("| `\(kind.id)` | \(cell(kind.nameZh)) | \(cell(kind.nameEn)) |")
        }
        lines.append("")
        lines.append("### Programs (项目/工作)")
        lines.append("")
        lines.append("| id | 中文 | English | category |")
        lines.append("|---|---|---|---|")
        for program in catalog.programs {
            lines.append(
                "| `\(program.id)` | \(cell(program.nameZh)) | \(cell(program.nameEn)) | \(program.category.rawValue) (\(program.category.nameZh)) |")
        }
        lines.append("")
        lines.append("### Indicators (指标)")
        lines.append("")
        lines.append("| id | 中文 | English | unit | kind | aggregation | program | targets | phrases |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for indicator in catalog.indicators {
            let targets = indicator.targets
                .map { "\($0.period): \(DecimalText.string($0.value))" }
                .joined(separator: "; ")
            let phrases = indicator.phrases.map { cell($0) }.joined(separator: "、")
            lines.append(
                "| `\(indicator.id)` | \(cell(indicator.nameZh)) | \(cell(indicator.nameEn)) | \(indicator.unit.rawValue) | \(indicator.kind.rawValue) | \(indicator.aggregation.description) | `\(indicator.program)` | \(targets.isEmpty ? "—" : targets) | \(phrases) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The generated section of `document` (between the markers, without them), or `nil` when the markers
    /// are missing or out of order.
    public static func generatedSection(of document: String) -> String? {
        guard let begin = document.range(of: beginMarker),
              let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex)
        else { return nil }
        var section = document[begin.upperBound..<end.lowerBound]
        if section.first == "\n" { section = section.dropFirst() }
        return String(section)
    }

    /// `document` with the generated section replaced by the tables of `catalog` (markers kept), or `nil`
    /// when the markers are missing.
    public static func updating(_ document: String, catalog: Catalog) -> String? {
        guard let begin = document.range(of: beginMarker),
              let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex)
        else { return nil }
        return String(document[..<begin.upperBound]) + "\n" + markdownTables(catalog: catalog)
            + String(document[end.lowerBound...])
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
