/// Clean-up of `pdftotext -layout` output: page breaks (form feeds) counted and removed, each line trimmed of the
/// layout's indentation and trailing spaces. Multi-column pages are NOT re-ordered yet: `-layout` keeps columns
/// side by side on one line, so a two-column page reads across both columns (see docs/protocol.md).
public enum PDFText {
    /// The cleaned text and the number of pages pdftotext emitted.
    public static func clean(_ output: String) -> (text: String, pages: Int) {
        var pages = 0
        var lines: [String] = []
        for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            while line.first == "\u{000C}" {
                pages += 1
                line = line.dropFirst()
            }
            let formFeeds = line.filter { $0 == "\u{000C}" }.count
            pages += formFeeds
            lines.append(String(line.filter { $0 != "\u{000C}" }).trimmingSpaces())
        }
        while lines.last == "" { lines.removeLast() }
        return (lines.joined(separator: "\n") + "\n", pages)
    }

    /// Whether `text` holds anything but white space.
    public static func hasText(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }
}
