import Domain
import Foundation
import KechuangTestSupport
import Testing

/// The byte-level fast paths of `LocalDate(iso:)` and `MeasureUnit(symbol:)` give what the general rules give, on
/// random near-miss texts as well as the plain forms.
@Suite struct ParsingFastPathTests {
    /// The general rule of `LocalDate(iso:)`, as written before the fast path.
    static func referenceDate(_ text: String) -> LocalDate? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// The general rule of `MeasureUnit(symbol:)`, as written before the fast path.
    static func referenceUnit(_ symbol: String) -> MeasureUnit? {
        var text = symbol.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == "％" || text == "百分比" || text == "﹪" { text = "%" }
        if text == "百分点" { text = "个百分点" }
        if text == "P" || text == "Pflops" || text == "PFlops" { text = "PFLOPS" }
        if text.hasSuffix("人民币") { text = String(text.dropLast(3)) }
        if text.hasPrefix("人民币") { text = String(text.dropFirst(3)) }
        return MeasureUnit(rawValue: text)
    }

    @Test func datesParseLikeTheGeneralRule() {
        var random = SeededRandom(seed: 77)
        let alphabet = Array("0123456789-+ 0１x\u{0660}")
        var texts = ["2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "9999-12-31", " 2024-05-01",
                     "2024-05-01 ", "2024-5-01", "2024/05/01", "+024-05-01", "2024-05-0１", "２０２４-05-01", ""]
        for _ in 0..<20_000 {
            var characters = Array("\(Int.random(in: 1990...2030, using: &random))-0\(Int.random(in: 0...9, using: &random))-\(Int.random(in: 10...32, using: &random))")
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let index = Int.random(in: 0..<characters.count, using: &random)
                characters[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            texts.append(String(characters))
        }
        for text in texts {
            #expect(LocalDate(iso: text) == Self.referenceDate(text), "\(text)")
        }
    }

    @Test func unitsParseLikeTheGeneralRule() {
        var symbols = MeasureUnit.allCases.map(\.rawValue)
        symbols += ["％", "百分比", "﹪", "百分点", "P", "Pflops", "PFlops", "万元人民币", "人民币亿元", " 万元 ", "万元\n",
                    "人民币", "元人民币", "pflops", "％ ", "kg", ""]
        for symbol in symbols {
            #expect(MeasureUnit(symbol: symbol) == Self.referenceUnit(symbol), "\(symbol)")
        }
        // No raw value would have been rewritten by the general rule (which is why the fast path may skip it).
        for unit in MeasureUnit.allCases {
            #expect(!unit.rawValue.hasPrefix("人民币") && !unit.rawValue.hasSuffix("人民币"))
            #expect(!["％", "百分比", "﹪", "百分点", "P", "Pflops", "PFlops"].contains(unit.rawValue))
        }
    }
}
