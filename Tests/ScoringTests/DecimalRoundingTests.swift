import Foundation
import Testing

@testable import Scoring

/// `DecimalRounding.round` skips `NSDecimalRound` for values that need no rounding; both paths must give the same
/// value and the same spelling (published scores are compared byte for byte across restarts).
@Suite struct DecimalRoundingTests {
    static func foundation(_ value: Decimal, _ places: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, mode)
        return result
    }

    @Test func theShortcutGivesWhatNSDecimalRoundGives() {
        var generator = SchemesRandom(seed: 606)
        let modes: [NSDecimalNumber.RoundingMode] = [.plain, .down, .up, .bankers]
        for _ in 0..<20_000 {
            let scale = Decimal([1, 10, 100, 1000, 1_000_000][Int.random(in: 0...4, using: &generator)])
            let a = Decimal(Int.random(in: -10_000_000...10_000_000, using: &generator)) / scale
            let b = Decimal(Int.random(in: 1...1000, using: &generator)) / Decimal([1, 10, 100][Int.random(in: 0...2, using: &generator)])
            for value in [a, a * b, a + b, a * 100, a / b] {
                let places = Int.random(in: 0...8, using: &generator)
                let mode = modes[Int.random(in: 0..<modes.count, using: &generator)]
                let ours = DecimalRounding.round(value, places: places, mode: mode)
                let reference = Self.foundation(value, places, mode)
                #expect(ours == reference && ours.description == reference.description, "\(value) to \(places) places")
            }
        }
    }

    @Test func digitsBeyondThePlacesAreRounded() {
        #expect(DecimalRounding.round(Decimal(string: "2.345") ?? 0, places: 2) == Decimal(string: "2.35"))
        #expect(DecimalRounding.round(Decimal(string: "2.345") ?? 0, places: 2, mode: .down) == Decimal(string: "2.34"))
        #expect(DecimalRounding.round(Decimal(1) / Decimal(3), places: 6).description == "0.333333")
        #expect(DecimalRounding.round(Decimal(string: "12.5") ?? 0, places: 2).description == "12.5")
    }
}
