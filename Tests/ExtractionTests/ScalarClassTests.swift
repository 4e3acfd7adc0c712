import Testing
@testable import Extraction
import KechuangTestSupport

@Suite struct ScalarClassTests {
    @Test func whiteSpaceIsTheUnicodeProperty() async {
        for value in UInt32(0)...0x10FFFF {
            if value % 0x10000 == 0 { await Task.yield() }  // a second of work: let other suites' awaits run meanwhile
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(ScalarClass.isWhiteSpace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    /// The switches that replaced string literals and sets (issue #14) hold exactly their scalars.
    @Test func switchesHoldTheScalarsOfTheirDefinitions() async throws {
        let mismatches = try await computedOnItsOwnThread { () -> [String] in
            let sentenceEnds = Set("。！？；!?;\n".unicodeScalars)
            let clauseEnds = sentenceEnds.union("，：,:".unicodeScalars)
            let paragraphLineEnds = Set("。！？；：!?;:".unicodeScalars)
            let formulaSigns = Set("+×*/=＋－—–-~～".unicodeScalars)
            let partStarts = Set(PeriodDetector.yearParts.compactMap { $0.0.unicodeScalars.first })
            let headingBreakers = Set("，。；：！？,;:!?".unicodeScalars)
            let listNumerals = Set("一二三四五六七八九十".unicodeScalars)
            var mismatches: [String] = []
            for value in UInt32(0)...0x10FFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let checks: [(String, Bool, Bool)] = [
                    ("endsSentence", ScalarClass.endsSentence(scalar), sentenceEnds.contains(scalar)),
                    ("endsClause", ScalarClass.endsClause(scalar), clauseEnds.contains(scalar)),
                    ("endsParagraphLine", ScalarClass.endsParagraphLine(scalar), paragraphLineEnds.contains(scalar)),
                    ("isFormulaSign", ScalarClass.isFormulaSign(scalar), formulaSigns.contains(scalar)),
                    ("isRangeSign", FigureScanner.isRangeSign(scalar), FigureScanner.rangeSigns.contains(scalar)),
                    ("isPartStart", PeriodDetector.isPartStart(scalar), partStarts.contains(scalar)),
                    ("isHeadingBreaker", ReportNormalizer.isHeadingBreaker(scalar), headingBreakers.contains(scalar)),
                    ("isListNumeral", ReportNormalizer.isListNumeral(scalar), listNumerals.contains(scalar)),
                    ("isNumeralScalar", ChineseNumeral.isNumeralScalar(scalar),
                     ChineseNumeral.digits[scalar] != nil || ChineseNumeral.smallUnits[scalar] != nil
                        || ChineseNumeral.largeUnits[scalar] != nil),
                    ("canStartNumeral", ChineseNumeral.canStartNumeral(scalar),
                     (ChineseNumeral.digits[scalar] != nil && scalar != "零" && scalar != "〇") || scalar == "十"),
                    ("digitValue", ChineseNumeral.digitValue(scalar) == ChineseNumeral.digits[scalar], true),
                    ("smallUnitValue", ChineseNumeral.smallUnitValue(scalar) == ChineseNumeral.smallUnits[scalar], true),
                    ("largeUnitValue", ChineseNumeral.largeUnitValue(scalar) == ChineseNumeral.largeUnits[scalar], true),
                ]
                for (name, fast, reference) in checks where fast != reference {
                    mismatches.append("\(name) U+\(String(value, radix: 16))")
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
