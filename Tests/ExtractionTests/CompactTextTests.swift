import Foundation
import Testing
@testable import Extraction

@Suite struct CompactTextTests {
    /// Report-like text: Chinese, ASCII, full-width and other white space, emoji; no combining marks after spaces.
    static let pieces = ["同比", "增长", "较上年", "力争", "到", "2025", "年", "，", "科技", "🚀", "a", " ", "\u{3000}", "\t",
                         "\n", "\u{A0}", "\u{2028}", "\u{200B}", "长", "同", "é", "\r\n", "\u{85}", "\u{2003}"]

    @Test func matchesTheCharacterFunctions() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...10, using: &random)).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            let phrase = (0..<Int.random(in: 1...2, using: &random)).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(CompactText.withoutWhiteSpace(text) == text.filter { !$0.isWhitespace }, "\(text.unicodeScalars.map(\.value))")
            if !phrase.contains("\r\n") && !phrase.hasPrefix("\n") && !phrase.hasSuffix("\r") {
                #expect(CompactText.contains(text, phrase) == text.contains(phrase), "\(text) / \(phrase)")
            }
            #expect(CompactText.containsAny(text.dropFirst(), [phrase, "力争"])
                == (text.dropFirst().contains(phrase) || text.dropFirst().contains("力争")) || phrase.contains("\n") || phrase.contains("\r"))
        }
        #expect(!CompactText.contains("同", "同比"))
        #expect(CompactText.contains("", ""))
    }
}
