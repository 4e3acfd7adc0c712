import Testing
@testable import KechuangCLI

@Suite("Text tables with CJK widths")
struct TextTableTests {
    @Test func displayWidthCountsCJKAsTwoColumns() {
        #expect(TextTable.displayWidth("abc") == 3)
        #expect(TextTable.displayWidth("科技贷") == 6)
        #expect(TextTable.displayWidth("“科技贷”") == 8)  // curly quotes are narrow
        #expect(TextTable.displayWidth("优秀（A类）") == 11)  // full-width parentheses are wide
        #expect(TextTable.displayWidth("e\u{301}") == 1)  // combining mark takes no column
    }

    @Test func columnsAlignByDisplayWidth() {
        var table = TextTable(headers: ["指标 indicator", "数值 value"], alignments: [.left, .right])
        table.append(["获“科技贷”贷款的企业", "83"])
        table.append(["loan", "2.88"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        // Every line's value column ends at the same display column.
        let widths = Set(lines.map { TextTable.displayWidth($0) })
        #expect(widths.count == 1)
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
        #expect(lines[2].hasPrefix("获“科技贷”贷款的企业"))
        #expect(lines[3].hasSuffix("2.88"))
        #expect(lines[2].hasSuffix("  83"))
    }

    @Test func shortRowsArePaddedAndTrailingSpacesTrimmed() {
        var table = TextTable(headers: ["a", "b", "c"])
        table.append(["长文本", ""])
        let rendered = table.render()
        #expect(!rendered.split(separator: "\n").contains { $0.hasSuffix(" ") })
        #expect(rendered.hasSuffix("\n"))
    }
}
