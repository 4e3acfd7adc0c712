import Foundation
import KechuangTestSupport
import Testing

@testable import Messaging

/// `JSONStringLiteral.read` against Foundation's `JSONDecoder` on the same literals: the same text for every valid
/// one (escapes of every kind, runs between them, non-ASCII, surrogate pairs), a failure for every invalid one.
@Suite struct JSONStringLiteralTests {
    /// What Foundation reads from the literal `literal` (inside a one-element array), or `nil` if it refuses it.
    static func foundation(_ literal: [UInt8]) -> String? {
        try? JSONDecoder().decode([String].self, from: Data([UInt8(ascii: "[")] + literal + [UInt8(ascii: "]")])).first
    }

    static func ours(_ literal: [UInt8]) -> String? {
        literal.withUnsafeBytes { buffer in
            guard let (text, end) = try? JSONStringLiteral.read(buffer, openingQuoteAt: 0), end == buffer.count else {
                return nil
            }
            return text
        }
    }

    /// A random literal: mostly valid pieces, sometimes a broken one.
    static func literal(_ random: inout SeededRandom) -> (bytes: [UInt8], broken: Bool) {
        let valid: [String] = [
            "plain ascii", "研发投入强度", "万元", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041",
            "\\u00e9", "\\u7814", "\\ud83d\\ude80", "🚀", "e\u{301}", "{\\\"version\\\":\\\"1.0\\\"}", "", " ",
        ]
        let broken: [[UInt8]] = [
            Array("\\x".utf8), Array("\\u12".utf8), Array("\\ud800".utf8), Array("\\udc00x".utf8), [0x0A], [0x1F],
            [0xFF], [0xC3], [0xE7, 0xA0], Array("\\".utf8),
        ]
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        var isBroken = false
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            if Int.random(in: 0..<12, using: &random) == 0 {
                bytes += broken[Int.random(in: 0..<broken.count, using: &random)]
                isBroken = true
            } else {
                bytes += Array(valid[Int.random(in: 0..<valid.count, using: &random)].utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return (bytes, isBroken)
    }

    @Test func readsWhatFoundationReadsAndRefusesWhatItRefuses() {
        var random = SeededRandom(seed: 2_026)
        var valid = 0
        var refused = 0
        for _ in 0..<20_000 {
            let (bytes, _) = Self.literal(&random)
            let expected = Self.foundation(bytes)
            let actual = Self.ours(bytes)
            // Byte for byte: `String ==` would take "é" and "e\u{301}" for equal.
            #expect(actual.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(String(decoding: bytes, as: UTF8.self))")
            if expected == nil { refused += 1 } else { valid += 1 }
        }
        #expect(valid > 5_000 && refused > 2_000, "the sample must hold both kinds")
    }

    @Test func longEscapedDocumentsComeBackExactly() throws {
        // A header and a body embedded as strings, as a replay batch carries them.
        let body = #"{"subjectName":"基准企业167","raw":185797.84,"missing":"not reported: \"x\"\n","path":"a/b\\c"}"#
        let encoded = try JSONEncoder().encode([String(repeating: body, count: 40)])
        let literal = Array(encoded.dropFirst().dropLast())
        #expect(Self.ours(literal).map { Array($0.utf8) } == Array(String(repeating: body, count: 40).utf8))
    }
}
