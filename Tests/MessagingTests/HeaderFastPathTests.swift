import KechuangTestSupport
import Foundation
import Testing

@testable import Messaging

@Suite struct HeaderFastPathTests {
    static let tricky: [String] = [
        "", "plain", "科技贷", "张家港 Zhangjiagang", "quote\"inside", "back\\slash", "slash/", "tab\tnew\nline\r",
        "\u{0}\u{1}\u{1F}", "emoji 🚀👩‍🔬", "é composed e\u{301}", "\u{7F}\u{80}\u{FFFF}", "𝄞 surrogate pair",
    ]

    static func randomString(_ random: inout SeededRandom) -> String {
        let alphabet: [Character] = Array("abcXYZ019.-_ \"\\/\t\n科技创新贷款🚀é\u{1}\u{1F}")
        let length = Int.random(in: 0...24, using: &random)
        return String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "a" })
    }

    static func randomHeader(_ random: inout SeededRandom) -> MessageHeader {
        MessageHeader(
            version: ProtocolVersion(major: 1, minor: Int.random(in: 0...12, using: &random)),
            type: MessageType(Bool.random(using: &random) ? "metric.update" : "x" + randomString(&random)),
            id: "i" + randomString(&random),
            source: Bool.random(using: &random) ? tricky.randomElement(using: &random) ?? "" : randomString(&random),
            sequence: Bool.random(using: &random) ? nil : [0, 1, UInt64.max, UInt64.random(in: 0...UInt64.max, using: &random)]
                .randomElement(using: &random),
            timestamp: [Int64.min, -1, 0, Int64.max, Int64.random(in: Int64.min...Int64.max, using: &random)]
                .randomElement(using: &random) ?? 0,
            correlation: Bool.random(using: &random) ? nil : tricky.randomElement(using: &random))
    }

    /// Both parsers, on the same bytes.
    static func parseBoth(_ bytes: [UInt8]) -> (fast: Result<MessageHeader, EnvelopeError>, reference: Result<MessageHeader, EnvelopeError>) {
        bytes.withUnsafeBytes { raw in
            (
                Result { () throws(EnvelopeError) -> MessageHeader in try EnvelopeCodec.decodeHeader(raw) },
                Result { () throws(EnvelopeError) -> MessageHeader in try EnvelopeCodec.decodeHeaderWithFoundation(raw) }
            )
        }
    }

    static func scannerHandles(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            if case .header = HeaderJSONScanner.scan(raw) { return true }
            return false
        }
    }

    @Test func writerOutputIsParsedIdenticallyByBothPaths() throws {
        var random = SeededRandom(seed: 2024)
        for _ in 0..<3000 {
            let header = Self.randomHeader(&random)
            let bytes = HeaderJSONWriter.bytes(header)
            #expect(Self.scannerHandles(bytes), "fast path fell back for \(String(decoding: bytes, as: UTF8.self))")
            let (fast, reference) = Self.parseBoth(bytes)
            #expect(try fast.get() == header)
            #expect(try reference.get() == header)
        }
    }

    @Test func foundationEncoderOutputIsParsedIdentically() throws {
        var random = SeededRandom(seed: 7)
        let encoder = JSONEncoder()
        for index in 0..<2000 {
            let header = Self.randomHeader(&random)
            encoder.outputFormatting = index % 2 == 0 ? [.sortedKeys] : [.prettyPrinted, .withoutEscapingSlashes]
            let bytes = Array(try encoder.encode(header))
            let (fast, reference) = Self.parseBoth(bytes)
            #expect(try fast.get() == header)
            #expect(try reference.get() == header)
        }
    }

    @Test(arguments: [
        #"{"version":"1.0","type":"a","id":"\u0041\u00e9\u79d1\ud83d\ude80","source":"s","timestamp":1}"#,
        #"  { "timestamp" : -12 , "source" : "s\/x" , "id" : "i" , "type" : "t" , "version" : "1.0" , "correlation" : null , "sequence" : null }  "#,
        #"{"version":"1.0","type":"t","id":"\"\\\/\b\f\n\r\t","source":"s","timestamp":0,"sequence":18446744073709551615}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":-9223372036854775808,"correlation":"c"}"#,
    ])
    func handWrittenHeadersAgree(text: String) throws {
        let bytes = Array(text.utf8)
        #expect(Self.scannerHandles(bytes))
        let (fast, reference) = Self.parseBoth(bytes)
        #expect(try fast.get() == reference.get())
    }

    @Test(arguments: [
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1.5}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1e3}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":01}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":9223372036854775808}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1,"sequence":18446744073709551616}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1,"extra":[1,{"a":"b"}]}"#,
        #"{"version":"1.0","type":"t","id":"i","id":"j","source":"s","timestamp":1}"#,
        #"{"version":"1.0","type":"t","id":"\ud800","source":"s","timestamp":1}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1} trailing"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s"}"#,
        #"{"version":"1.0","type":"t","id":"i","source":"s","timestamp":1,}"#,
        #"{"v\u0065rsion":"1.0","type":"t","id":"i","source":"s","timestamp":1}"#,
        "{\"version\":\"1.0\",\"type\":\"t\",\"id\":\"raw\tcontrol\",\"source\":\"s\",\"timestamp\":1}",
    ])
    func unusualInputFallsBackAndAgrees(text: String) {
        let bytes = Array(text.utf8)
        #expect(!Self.scannerHandles(bytes))
        let (fast, reference) = Self.parseBoth(bytes)
        switch (fast, reference) {
        case let (.success(a), .success(b)): #expect(a == b)
        case let (.failure(a), .failure(b)): #expect(a == b)
        default: Issue.record("paths disagree on \(text): \(fast) vs \(reference)")
        }
    }
}
