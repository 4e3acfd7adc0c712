import Testing
@testable import IngestService

@Suite struct CSVParserTests {
    private func parse(_ text: String) throws(CSVError) -> [CSVParser.Record] {
        let bytes = Array(text.utf8)
        let result: Result<[CSVParser.Record], CSVError> = bytes.withUnsafeBytes { raw in
            Result { () throws(CSVError) in try CSVParser.parse(raw) }
        }
        return try result.get()
    }

    private func failure(_ text: String) -> CSVError? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    @Test func plainRecordsWithLFAndCRLF() throws {
        let records = try parse("a,b,c\r\n1,2,3\n4,5,6")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records[1].columns == [1, 3, 5])
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let records = try parse("name,note\r\n\"张家港, 有限公司\",\"He said \"\"hi\"\"\r\nsecond line\"\r\nx,\"\"\r\n")
        #expect(records.count == 3)
        #expect(records[1].fields == ["张家港, 有限公司", "He said \"hi\"\r\nsecond line"])
        #expect(records[2].line == 4)
        #expect(records[2].fields == ["x", ""])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        #expect(try parse("a,,c,\n").first?.fields == ["a", "", "c", ""])
    }

    @Test func blankLinesAreSkipped() throws {
        let records = try parse("a,b\n\n\r\n1,2\n")
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func quoteInsideUnquotedFieldNamesLineAndColumn() {
        let error = failure("a,b\n1,2\"x\n")
        #expect(error?.position == TextPosition(line: 2, column: 4))
    }

    @Test func unterminatedQuoteNamesWhereItOpened() {
        let error = failure("a,b\n1,\"open\n\nmore")
        #expect(error?.position == TextPosition(line: 2, column: 3))
        #expect(error?.message.contains("unterminated") == true)
    }

    @Test func textAfterClosingQuoteIsAnError() {
        let error = failure("\"企业\"x,b\n")
        #expect(error?.position == TextPosition(line: 1, column: 5))
    }

    @Test(.timeLimit(.minutes(1))) func veryLongLineIsParsedInLinearTime() throws {
        let fields = 300_000
        let line = (0..<fields).map { "中\($0 % 10)" }.joined(separator: ",")
        let records = try parse(line + "\n")
        #expect(records.first?.fields.count == fields)
        #expect(records.first?.columns.last == (fields - 1) * 3 + 1)
    }
}
