import Foundation
import Testing
@testable import Domain

/// `PhraseText.normalize`'s scalar path against the character-by-character reference (issue #14): every scalar
/// of the BMP alone and between CJK text, and slices of the labelled texts (the subjects the extractor matches).
@Suite struct PhraseTextTests {
    @Test func standalonePathEqualsTheReference() throws {
        var mismatches: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "高新\(scalar)技术", "\(scalar)ａＢ１（企业）\(scalar)"] {
                if let fast = PhraseText.normalizeStandalone(text), fast != PhraseText.referenceNormalize(text)
                    || !Array(fast.unicodeScalars).elementsEqual(PhraseText.referenceNormalize(text).unicodeScalars) {
                    mismatches.append("U+\(String(value, radix: 16)) in \(text)")
                }
            }
        }
        var pieces = 0
        for text in LabelledSet.texts {
            let scalars = Array(try Fixtures.text(text.text).unicodeScalars)
            for length in [1, 3, 8, 20, 60] {
                for start in stride(from: 0, to: max(0, scalars.count - length), by: 11) {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars[start..<(start + length)])
                    let piece = String(view)
                    pieces += 1
                    if PhraseText.normalize(piece) != PhraseText.referenceNormalize(piece)
                        || !Array(PhraseText.normalize(piece).unicodeScalars)
                            .elementsEqual(PhraseText.referenceNormalize(piece).unicodeScalars) {
                        mismatches.append(piece)
                    }
                }
            }
        }
        #expect(PhraseText.normalizeStandalone("“双创”人才\r\n") == "双创人才")
        #expect(PhraseText.normalizeStandalone("e\u{301}") == nil)
        #expect(pieces > 3_000)
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(10))")
    }
}
