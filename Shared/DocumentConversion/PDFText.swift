/// Clean-up of `pdftotext -layout` output: pages (ended by form feeds) counted, each page put in reading order
/// (``PDFColumns``: columns printed side by side are read one after the other, headlines spanning them stay in
/// place, page furniture such as editor lines and page numbers is dropped), then each line trimmed of the layout's
/// indentation and trailing spaces.
public enum PDFText {
    /// The cleaned text and the number of pages pdftotext emitted.
    public static func clean(_ output: String) -> (text: String, pages: Int) {
        var pageTexts = output.split(separator: "\u{000C}", omittingEmptySubsequences: false)
        let pages = pageTexts.count - 1
        // After the last form feed there is at most a trailing line end.
        if let tail = pageTexts.last, tail.allSatisfy(\.isNewline) { pageTexts.removeLast() }
        var lines: [String] = []
        for page in pageTexts {
            let pageLines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines += PDFColumns.reorder(pageLines).map { $0.trimmingSpaces() }
        }
        while lines.last == "" { lines.removeLast() }
        return (lines.joined(separator: "\n") + "\n", pages)
    }

    /// Whether `text` holds anything but white space.
    public static func hasText(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }
}
