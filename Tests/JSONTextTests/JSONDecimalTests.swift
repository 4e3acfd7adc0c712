import Foundation
import KechuangTestSupport
import Testing

@testable import JSONText

/// `JSONDecimal` must spell every value exactly as `Decimal.description` (and `NSDecimalString` with a POSIX
/// locale) does: parsed values, arithmetic results (38-digit quotients, uncompacted products), rounded values.
@Suite struct JSONDecimalTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    static func expectSameSpelling(_ value: Decimal, _ note: String) {
        var copy = value
        let reference = NSDecimalString(&copy, posix)
        #expect(JSONDecimal.string(value) == value.description, "\(note)")
        #expect(value.description == reference, "\(note)")
    }

    @Test func theByteLayoutProbeSucceedsOnThisPlatform() {
        // Without it every value would silently take the slow path.
        #expect(DecimalParts.layoutUnderstood)
        #expect(DecimalParts(Decimal(string: "-12.50", locale: Self.posix) ?? 0)
            == DecimalParts(negative: true, significand: 125, exponent: -1))
        #expect(DecimalParts(.nan) == nil)
        // 38-digit quotients take the wide fast path, not `description`.
        var out: [UInt8] = []
        #expect(DecimalParts.writeWide(Decimal(7) / Decimal(51), to: &out))
        #expect(String(decoding: out, as: UTF8.self) == (Decimal(7) / Decimal(51)).description)
        var short: [UInt8] = []
        #expect(!DecimalParts.writeWide(Decimal(string: "12.5") ?? 0, to: &short) && short.isEmpty)
    }

    @Test func randomValuesAreSpelledLikeFoundation() {
        var random = SeededRandom(seed: 2024)
        for round in 0..<4000 {
            let digits = Int.random(in: 1...24, using: &random)
            var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            let point = Int.random(in: 0...digits, using: &random)
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if text.hasPrefix(".") { text = "0" + text }
            if Bool.random(using: &random) { text = "-" + text }
            guard let parsed = Decimal(string: text, locale: Self.posix) else { continue }
            Self.expectSameSpelling(parsed, "parsed \(text)")
            let other = Decimal(Int.random(in: -99_999...99_999, using: &random)) / Decimal(10 * (round % 7 + 1))
            Self.expectSameSpelling(parsed * other, "\(text) × \(other)")
            Self.expectSameSpelling(parsed + other, "\(text) + \(other)")
            if other != 0 { Self.expectSameSpelling(parsed / other, "\(text) ÷ \(other)") }
            var exact = parsed / Decimal(Int.random(in: 1...97, using: &random))
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, Int.random(in: 0...8, using: &random), .plain)
            Self.expectSameSpelling(rounded, "rounded \(exact)")
            Self.expectSameSpelling(Decimal(sign: .plus, exponent: Int.random(in: -30...30, using: &random), significand: parsed),
                                    "scaled \(text)")
        }
    }

    @Test func scaledKeysOrderLikeTheValues() {
        var random = SeededRandom(seed: 5)
        var values: [Decimal] = [0, 1, -1, Decimal(string: "0.00000000000000000001") ?? 0, Decimal(UInt64.max)]
        for _ in 0..<400 {
            let value = Decimal(Int.random(in: -1_000_000...1_000_000, using: &random))
                / Decimal(Int.random(in: 1...4096, using: &random))
            var exact = value
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, Int.random(in: 0...12, using: &random), .plain)
            values.append(rounded)
        }
        let keyed = values.compactMap { value in DecimalParts(value)?.scaledBy1e20.map { (value, $0) } }
        #expect(keyed.count >= values.count - 1)
        for (a, keyA) in keyed {
            for (b, keyB) in keyed.prefix(60) {
                #expect((a < b) == (keyA < keyB), "\(a) vs \(b)")
                #expect((a == b) == (keyA == keyB), "\(a) vs \(b)")
            }
        }
        // Too many fraction digits, or too large to scale: no key.
        #expect(DecimalParts(Decimal(1) / Decimal(3))?.scaledBy1e20 == nil)
        #expect(DecimalParts(Decimal(sign: .plus, exponent: 30, significand: 7))?.scaledBy1e20 == nil)
    }

    @Test func edgeValues() {
        for value: Decimal in [0, 1, -1, 10, 100, Decimal(UInt64.max), Decimal(Int64.min), .greatestFiniteMagnitude,
                               -.greatestFiniteMagnitude, .leastNonzeroMagnitude, Decimal(string: "0.000001") ?? 0,
                               Decimal(1) / Decimal(3), -Decimal(2) / Decimal(3), Decimal(UInt64.max) + 1,
                               Decimal(string: "1e19") ?? 0, Decimal(string: "10000000000000000000000000000000000000") ?? 0,
                               Decimal(string: "-0.0000000000000000000000000000000000001") ?? 0] {
            Self.expectSameSpelling(value, "\(value)")
        }
        var out: [UInt8] = []
        JSONDecimal.append(.nan, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == Decimal.nan.description)
    }
}
