/// Turns a table into text lines the report extractor reads like sentences.
public enum TableLines {
    /// With a header row and a header column (at least two rows and two columns): one line per non-empty data cell,
    /// "row header column header value" (e.g. `高新技术企业 2024年 600家`). Otherwise one line per row, cells joined by
    /// spaces. Cells are trimmed; empty parts are left out.
    public static func lines(_ rows: [[String]]) -> [String] {
        let rows = rows.map { $0.map(clean) }.filter { $0.contains { !$0.isEmpty } }
        guard rows.count >= 2, let header = rows.first, header.count >= 2 else {
            return rows.map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
        }
        var lines: [String] = []
        for row in rows.dropFirst() {
            guard row.count >= 2 else {
                lines.append(row.joined(separator: " "))
                continue
            }
            for column in 1..<row.count where !row[column].isEmpty {
                let columnHeader = column < header.count ? header[column] : ""
                lines.append([row[0], columnHeader, row[column]].filter { !$0.isEmpty }.joined(separator: " "))
            }
        }
        return lines
    }

    private static func clean(_ cell: String) -> String {
        cell.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
