import Foundation
import KechuangTestSupport
import Testing
@testable import Domain

@Suite struct DecimalTextTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// The stored bytes of a `Decimal`, so two values are compared as stored, not only as numbers.
    static func fields(_ value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    @Test func plainFastPathIsByteForByteFoundations() {
        var random = SeededRandom(seed: 1938)
        var fastHits = 0
        for _ in 0..<20_000 {
            var text = ["", "", "-", "+"].randomElement(using: &random) ?? ""
            let integerDigits = Int.random(in: 0...21, using: &random)
            text += String((0..<integerDigits).map { _ in "0000123456789".randomElement(using: &random) ?? "0" })
            if Bool.random(using: &random) {
                text += "."
                text += String((0..<Int.random(in: 0...21, using: &random)).map { _ in "0123456789000".randomElement(using: &random) ?? "0" })
            }
            if Int.random(in: 0..<40, using: &random) == 0 { text += ["e5", " ", "x", ".", ","].randomElement(using: &random) ?? "" }
            guard let fast = DecimalText.parsePlain(text) else { continue }
            fastHits += 1
            let reference = Decimal(string: text, locale: Self.posix)
            #expect(reference.map(Self.fields) == Self.fields(fast), "\(text)")
            #expect(DecimalText.string(fast) == reference.map(DecimalText.string), "\(text)")
        }
        #expect(fastHits > 5_000)
    }

    @Test func whatTheFastPathDeclinesIsStillParsedOrRefusedAsBefore() {
        #expect(DecimalText.parse("0") == 0)
        #expect(DecimalText.parse("-0.00") == 0)
        #expect(DecimalText.parse("12345678901234567890123") == Decimal(string: "12345678901234567890123"))
        #expect(DecimalText.parse(" 12.5") == Decimal(string: "12.5"))
        for refused in ["1e5", "1.", ".5", "1,000", "--1", "1-", "", "+", "1.2.3", "１２"] {
            #expect(DecimalText.parse(refused) == nil, "\(refused)")
        }
        #expect(DecimalText.parsePlain("12.50").map(DecimalText.string) == "12.5")
        #expect(DecimalText.parsePlain("1200").map(DecimalText.string) == "1200")
    }
}
