/// Article text of an HTML page: scripts, styles, navigation, headers, footers and forms are dropped, character
/// references decoded, block elements (paragraphs, headings, list items, `<br>` …) become lines and tables become
/// lines as ``TableLines`` describes. A tolerant scanner, not a validating parser: any byte sequence yields text.
public enum HTMLText {
    /// Elements whose whole content is dropped.
    static let skipped: Set<String> = [
        "script", "style", "nav", "noscript", "template", "head", "header", "footer", "aside", "form", "button",
        "select", "iframe", "svg", "object",
    ]
    /// Elements whose content is raw text up to their end tag.
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main",
        "blockquote", "pre", "dd", "dt", "dl", "hr", "caption", "figcaption", "figure", "address", "center",
    ]

    /// The text of `html`, lines separated by `\n`.
    public static func text(of html: String) -> String {
        var scanner = Scanner(Array(html.unicodeScalars))
        scanner.run()
        return scanner.lines.joined(separator: "\n") + "\n"
    }

    private struct Table {
        var rows: [[String]] = []
        var cell: String? = nil
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var lines: [String] = []
        var current = ""
        var skipDepth = 0
        var tables: [Table] = []

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        mutating func run() {
            while i < s.count {
                if s[i] == "<", i + 1 < s.count, s[i + 1] == "/" || s[i + 1] == "!" || s[i + 1] == "?" || s[i + 1].properties.isAlphabetic {
                    tag()
                } else {
                    var text = String.UnicodeScalarView()
                    while i < s.count, !(s[i] == "<" && i + 1 < s.count
                        && (s[i + 1] == "/" || s[i + 1] == "!" || s[i + 1] == "?" || s[i + 1].properties.isAlphabetic)) {
                        text.append(s[i])
                        i += 1
                    }
                    if skipDepth == 0 { append(HTMLEntities.decode(String(text))) }
                }
            }
            flush(keepEmpty: false)
        }

        mutating func append(_ text: String) {
            var collapsed = ""
            var lastSpace = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace && scalar != "\u{00A0}" {
                    if !lastSpace { collapsed.unicodeScalars.append(" ") }
                    lastSpace = true
                } else {
                    collapsed.unicodeScalars.append(scalar)
                    lastSpace = false
                }
            }
            if tables.isEmpty {
                current += collapsed
            } else if tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell? += collapsed
            }
        }

        mutating func flush(keepEmpty: Bool) {
            let line = current.trimmingSpaces()
            current = ""
            if !tables.isEmpty {
                if tables[tables.count - 1].cell != nil, !line.isEmpty { tables[tables.count - 1].cell? += " " + line }
                return
            }
            if !line.isEmpty || keepEmpty { lines.append(line) }
        }

        mutating func tag() {
            let start = i
            i += 1
            if s[i] == "!" {
                if i + 2 < s.count, s[i + 1] == "-", s[i + 2] == "-" {
                    i += 3
                    while i < s.count, !(s[i] == ">" && i >= start + 6 && s[i - 1] == "-" && s[i - 2] == "-") { i += 1 }
                    i += 1
                    return
                }
                skipTo(">")
                return
            }
            if s[i] == "?" { skipTo(">"); return }
            let closing = s[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-" || s[i] == ":" {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            name = name.lowercased()
            // Attributes up to '>', honouring quotes.
            var quote: Unicode.Scalar? = nil
            var selfClosing = false
            while i < s.count {
                let c = s[i]
                if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" {
                    selfClosing = i > 0 && s[i - 1] == "/"
                    break
                }
                i += 1
            }
            i += 1
            element(name, closing: closing, selfClosing: selfClosing)
        }

        mutating func element(_ name: String, closing: Bool, selfClosing: Bool) {
            if !closing, HTMLText.rawText.contains(name) {
                // Skip raw text up to the matching end tag.
                let end = Array("</\(name)".unicodeScalars)
                var raw = String.UnicodeScalarView()
                while i < s.count {
                    if s[i] == "<", i + end.count <= s.count,
                       String(String.UnicodeScalarView(s[i..<(i + end.count)])).lowercased() == String(String.UnicodeScalarView(end)) {
                        break
                    }
                    raw.append(s[i])
                    i += 1
                }
                skipTo(">")
                if name == "textarea", skipDepth == 0 { append(HTMLEntities.decode(String(raw))) }
                return
            }
            if HTMLText.skipped.contains(name) {
                if selfClosing { return }
                if closing { skipDepth = max(0, skipDepth - 1) } else { skipDepth += 1 }
                return
            }
            if skipDepth > 0 { return }
            switch name {
            case "table":
                if closing {
                    guard var table = tables.popLast() else { return }
                    if let cell = table.cell { finishCell(&table, cell) }
                    let produced = TableLines.lines(table.rows)
                    if tables.isEmpty {
                        flush(keepEmpty: false)
                        lines.append(contentsOf: produced)
                    } else if tables[tables.count - 1].cell != nil {
                        tables[tables.count - 1].cell? += " " + produced.joined(separator: " ")
                    }
                } else {
                    flush(keepEmpty: false)
                    tables.append(Table())
                }
            case "tr":
                guard !tables.isEmpty else { flush(keepEmpty: false); return }
                var table = tables[tables.count - 1]
                if let cell = table.cell { finishCell(&table, cell) }
                if !closing { table.rows.append([]) }
                tables[tables.count - 1] = table
            case "td", "th":
                guard !tables.isEmpty else { return }
                var table = tables[tables.count - 1]
                if let cell = table.cell { finishCell(&table, cell) }
                if !closing {
                    if table.rows.isEmpty { table.rows.append([]) }
                    table.cell = ""
                }
                tables[tables.count - 1] = table
            default:
                if HTMLText.blocks.contains(name) {
                    flush(keepEmpty: name == "p" && closing || name == "br")
                }
            }
        }

        mutating func finishCell(_ table: inout Table, _ cell: String) {
            if table.rows.isEmpty { table.rows.append([]) }
            table.rows[table.rows.count - 1].append(cell.trimmingSpaces())
            table.cell = nil
        }

        mutating func skipTo(_ scalar: Unicode.Scalar) {
            while i < s.count, s[i] != scalar { i += 1 }
            i += 1
        }
    }
}

extension String {
    /// Without leading and trailing white space (including no-break spaces).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
