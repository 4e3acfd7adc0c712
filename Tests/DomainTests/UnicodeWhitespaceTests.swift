import Domain
import Foundation
import KechuangTestSupport
import Testing

/// ``UnicodeWhitespace`` is Foundation's `CharacterSet.whitespaces` / `.whitespacesAndNewlines`, scalar for scalar,
/// and its trims give what `trimmingCharacters(in:)` gives.
@Suite struct UnicodeWhitespaceTests {
    @Test func bothPredicatesAgreeWithCharacterSetOnEveryScalar() async {
        var whitespaceMismatches: [UInt32] = []
        var newlineMismatches: [UInt32] = []
        var whitespaceCount = 0
        for value in UInt32(0)...0x10FFFF {
            if value % 0x10000 == 0 { await Task.yield() }  // a second of work: let other suites' awaits run meanwhile
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isWhitespace = CharacterSet.whitespaces.contains(scalar)
            if isWhitespace { whitespaceCount += 1 }
            if UnicodeWhitespace.isWhitespace(scalar) != isWhitespace { whitespaceMismatches.append(value) }
            if UnicodeWhitespace.isWhitespaceOrNewline(scalar) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                newlineMismatches.append(value)
            }
        }
        #expect(whitespaceMismatches.isEmpty, "whitespaces differ at \(whitespaceMismatches.prefix(10))")
        #expect(newlineMismatches.isEmpty, "whitespacesAndNewlines differ at \(newlineMismatches.prefix(10))")
        // Tab, space, NBSP, U+1680, U+2000–U+200B, U+202F, U+205F, U+3000: a set that lost members would show here.
        #expect(whitespaceCount == 19)
    }

    @Test func trimsAgreeWithFoundationOnRandomStrings() {
        let pieces = [
            " ", "\t", "\n", "\r\n", "\u{3000}", "\u{A0}", "\u{2028}", "\u{85}", "\u{200B}", "\u{1680}", "\u{301}",
            "甲公司", "a", "万元", "🚀", "e\u{301}", "\u{FEFF}", "x y", "",
        ]
        var generator = SeededRandom(seed: 2026)
        for index in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 6) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            // A slice of a larger string, cut at scalar boundaries (a leading combining mark stays in it).
            let wrapped = "<" + text + ">"
            let scalars = wrapped.unicodeScalars
            let substring = wrapped[scalars.index(after: scalars.startIndex)..<scalars.index(before: scalars.endIndex)]
            #expect(UnicodeWhitespace.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces),
                    "string \(index): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(UnicodeWhitespace.trimmingWhitespace(substring) == text.trimmingCharacters(in: .whitespaces))
            #expect(UnicodeWhitespace.trimmingWhitespaceAndNewlines(text)
                    == text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(UnicodeWhitespace.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
    }

    @Test func handWorkedExamples() {
        #expect(UnicodeWhitespace.trimmingWhitespace("\u{3000} 甲公司\t") == "甲公司")
        #expect(UnicodeWhitespace.trimmingWhitespace(" a\nb\n") == "a\nb\n")
        #expect(UnicodeWhitespace.trimmingWhitespaceAndNewlines(" a\nb\n") == "a\nb")
        #expect(UnicodeWhitespace.trimmingWhitespace("\u{200B}x\u{200C}") == "x\u{200C}")
        #expect(UnicodeWhitespace.trimmingWhitespace(" \t ") == "")
        #expect(UnicodeWhitespace.isBlank("\u{2029}\r\n\u{3000}"))
        #expect(!UnicodeWhitespace.isBlank("\u{200C}"))
    }
}
