import Contracts
import Testing
@testable import IngestService

@Suite struct ContentDecoderTests {
    private func decode(_ request: SubmitDocument, max: Int = 1000) -> Result<DecodedContent, SubmitRejected> {
        ContentDecoder.decode(request, maxBytes: max)
    }

    private func code(_ result: Result<DecodedContent, SubmitRejected>) -> RejectionCode? {
        if case .failure(let rejection) = result { return rejection.code }
        return nil
    }

    @Test func acceptsTextAndHashesIt() throws {
        let content = try decode(SubmitDocument(kind: .report, content: "科技贷 83家")).get()
        #expect(content.byteCount == "科技贷 83家".utf8.count)
        #expect(content.contentHash == "f585151794ef54eb75974e3ffa67861a8e0720f1b513931823c136d656a1d7f0")
        #expect(content.documentID == "doc-" + content.contentHash.prefix(16))
    }

    @Test func base64AndTextOfTheSameBytesHaveTheSameIdentity() throws {
        let text = "year,creditCode\n2024,x\n"
        let plain = try decode(SubmitDocument(kind: .filing, content: text)).get()
        let raw = try decode(SubmitDocument(kind: .filing, bytes: Array(text.utf8))).get()
        #expect(plain == raw)
    }

    @Test func neitherOrBothContentFieldsAreBadContent() {
        var neither = SubmitDocument(kind: .report, content: "x")
        neither.content = nil
        #expect(code(decode(neither)) == .badContent)
        var both = SubmitDocument(kind: .report, content: "x")
        both.contentBase64 = "eA=="
        #expect(code(decode(both)) == .badContent)
    }

    @Test func malformedBase64IsBadContent() {
        var request = SubmitDocument(kind: .report, content: "x")
        request.content = nil
        request.contentBase64 = "@@@@"
        #expect(code(decode(request)) == .badContent)
    }

    @Test func tooLargeNamesTheLimit() throws {
        let result = decode(SubmitDocument(kind: .report, content: String(repeating: "a", count: 1001)))
        guard case .failure(let rejection) = result else { Issue.record("accepted"); return }
        #expect(rejection.code == .tooLarge)
        #expect(rejection.problems.first?.limit == "1000 bytes")
        #expect(code(decode(SubmitDocument(kind: .report, bytes: [UInt8](repeating: 65, count: 1001)))) == .tooLarge)
        #expect(code(decode(SubmitDocument(kind: .report, content: String(repeating: "a", count: 1000)))) == nil)
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        let bytes: [UInt8] = Array("ab\n张".utf8) + [0xE5, 0x28] + Array("x".utf8)
        let result = decode(SubmitDocument(kind: .report, bytes: bytes))
        guard case .failure(let rejection) = result else { Issue.record("accepted"); return }
        #expect(rejection.code == .invalidUTF8)
        #expect(rejection.message.contains("offset 6"))
        #expect(rejection.problems.first?.line == 2)
        #expect(rejection.problems.first?.column == 2)
    }

    @Test func emptyAndWhitespaceOnlyAreEmpty() {
        #expect(code(decode(SubmitDocument(kind: .report, content: ""))) == .empty)
        #expect(code(decode(SubmitDocument(kind: .report, content: " \n\t\u{3000}"))) == .empty)
    }

    @Test func utf8ValidatorFindsEveryKindOfBadSequence() {
        func offset(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { UTF8Validator.firstInvalidOffset(in: $0) } }
        #expect(offset(Array("张家港 ok".utf8)) == nil)
        #expect(offset([0x61, 0xC0, 0xAF]) == 1)            // overlong
        #expect(offset([0xED, 0xA0, 0x80]) == 0)            // surrogate
        #expect(offset([0xF4, 0x90, 0x80, 0x80]) == 0)      // above U+10FFFF
        #expect(offset([0x61, 0x62, 0xE5, 0xBC]) == 2)      // truncated at the end
        #expect(offset([0x80]) == 0)                        // lone continuation byte
        #expect(offset([0xF0, 0x9F, 0x98, 0x80]) == nil)    // 4-byte emoji
    }
}
