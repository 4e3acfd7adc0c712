import Testing
@testable import IngestService

@Suite struct JSONScannerTests {
    private func elements(_ text: String) throws(JSONSyntaxError) -> [JSONScanner.Value] {
        let bytes = Array(text.utf8)
        let result: Result<[JSONScanner.Value], JSONSyntaxError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) in try JSONScanner.arrayElements(of: raw) }
        }
        return try result.get()
    }

    private func lines(_ text: String) throws(JSONSyntaxError) -> [JSONScanner.Value] {
        let bytes = Array(text.utf8)
        let result: Result<[JSONScanner.Value], JSONSyntaxError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) in try JSONScanner.lineValues(of: raw) }
        }
        return try result.get()
    }

    private func arrayError(_ text: String) -> JSONSyntaxError? {
        do { _ = try elements(text); return nil } catch { return error }
    }

    @Test func splitsArrayElementsWithPositions() throws {
        let text = "[\n  {\"a\": 1},\n  {\"b\": [true, null, \"x\\\"y\"]}, 3.5e-2\n]"
        let values = try elements(text)
        #expect(values.count == 3)
        #expect(values.map(\.position) == [
            TextPosition(line: 2, column: 3), TextPosition(line: 3, column: 3), TextPosition(line: 3, column: 32),
        ])
        let utf8 = Array(text.utf8)
        #expect(String(decoding: utf8[values[0].range], as: UTF8.self) == "{\"a\": 1}")
        #expect(String(decoding: utf8[values[2].range], as: UTF8.self) == "3.5e-2")
    }

    @Test func emptyArrayHasNoElements() throws {
        #expect(try elements(" [ ] ").isEmpty)
    }

    @Test func missingCommaNamesLineAndColumn() {
        let error = arrayError("[\n {\"a\": 1}\n {\"b\": 2}\n]")
        #expect(error?.position == TextPosition(line: 3, column: 2))
        #expect(error?.message.contains("','") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "企业" is 6 bytes but 2 characters; the error is at the bare word after it.
        let error = arrayError("[{\"名称\": 企业}]")
        #expect(error?.position == TextPosition(line: 1, column: 9))
    }

    @Test func rejectsCommonMistakes() {
        #expect(arrayError("[1, 2,]") != nil)           // trailing comma
        #expect(arrayError("[01]") != nil)               // leading zero
        #expect(arrayError("[{'a': 1}]") != nil)         // single quotes
        #expect(arrayError("[\"tab\there\"]") != nil)   // raw control character
        #expect(arrayError("[\"\\x\"]") != nil)          // bad escape
        #expect(arrayError("[tru]") != nil)
        #expect(arrayError("[1] 2") != nil)              // trailing text
        #expect(arrayError("{\"a\": 1}") != nil)         // not an array
        #expect(arrayError("[\"open")?.message == "unterminated string")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(arrayError(deep)?.message.contains("nesting") == true)
    }

    @Test func jsonLinesSkipBlankLinesAndKeepLineNumbers() throws {
        let values = try lines("{\"a\":1}\r\n\n  {\"b\":2}  \n")
        #expect(values.map(\.position.line) == [1, 3])
        #expect(values[1].position.column == 3)
    }

    @Test func jsonLinesErrorNamesTheLine() {
        var caught: JSONSyntaxError?
        do { _ = try lines("{\"a\":1}\n{\"b\":2}\n{\"c\":3,}\n") } catch { caught = error }
        #expect(caught?.position.line == 3)
        #expect(caught?.position.column == 8)
    }

    @Test func twoValuesOnOneLineAreAnError() {
        var caught: JSONSyntaxError?
        do { _ = try lines("{\"a\":1} {\"b\":2}") } catch { caught = error }
        #expect(caught?.position == TextPosition(line: 1, column: 9))
    }

    @Test(.timeLimit(.minutes(1))) func oneLineArrayOfManyElementsIsLinear() throws {
        let count = 300_000
        let text = "[" + Array(repeating: "\"张\"", count: count).joined(separator: ",") + "]"
        let values = try elements(text)
        #expect(values.count == count)
        #expect(values.last?.position == TextPosition(line: 1, column: 2 + (count - 1) * 4))
    }
}
