@testable import Domain
import Foundation
import KechuangTestSupport
import Testing

/// `DecimalArithmetic` against Foundation, bit for bit: every fast quotient, product, sum, difference, order and rounding must be the very `Decimal`
/// Foundation computes (significand, exponent, sign and flags), on operands shaped like the scoring's (money in
/// yuan with two decimals, counts, ratios that are themselves 38-digit quotients, products) and on edges.
///
/// The loops yield every thousand operands and the suite runs its tests one at a time: seconds of synchronous work
/// on the two threads of the shared pool would starve other suites' awaits (their timeouts fire).
@Suite(.serialized) struct DecimalArithmeticTests {
    static func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    static func foundationRounded(_ value: Decimal, _ places: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, mode)
        return result
    }

    /// A random operand: small counts, money with two decimals, 64-bit significands, wide quotients and products,
    /// either sign, exponents from −20 to +10.
    static func operand(_ random: inout SeededRandom) -> Decimal {
        let significand: UInt64
        switch Int.random(in: 0..<5, using: &random) {
        case 0: significand = UInt64.random(in: 1...1_000, using: &random)
        case 1: significand = UInt64.random(in: 1...100_000_000_000, using: &random)
        case 2: significand = UInt64.random(in: 1...UInt64.max, using: &random)
        case 3: significand = UInt64.random(in: 1...10_000_000, using: &random) * 100
        default: significand = UInt64.random(in: 1...9, using: &random)
        }
        var value = Decimal(
            sign: Bool.random(using: &random) ? .minus : .plus, exponent: Int.random(in: -20...10, using: &random),
            significand: Decimal(significand))
        switch Int.random(in: 0..<6, using: &random) {
        case 0: value = value / Decimal(UInt64.random(in: 1...1_000_000, using: &random))  // a 38-digit quotient
        case 1: value = value * Decimal(UInt64.random(in: 1...UInt64.max, using: &random))  // a wide product
        default: break
        }
        return value
    }

    @Test func theFastPathIsOnHere() {
        // Off, every call would still be right (Foundation's), but the optimisation would be lost silently.
        #expect(DecimalArithmetic.fastPathAgrees)
    }

    /// 60 000 random operand pairs through one operation: the fast path alone (when it answers) and the public
    /// entry must both give `foundation`'s bits, and the fast path must answer for most pairs, or it saves nothing.
    static func agreesWithFoundation(
        seed: UInt64, symbol: String, foundation: (Decimal, Decimal) -> Decimal,
        fast: (Decimal, Decimal) -> Decimal?, entry: (Decimal, Decimal) -> Decimal
    ) async {
        var random = SeededRandom(seed: seed)
        var taken = 0
        let pairs = 60_000
        for index in 0..<pairs {
            if index % 1_000 == 0 { await Task.yield() }
            let lhs = Self.operand(&random), rhs = Self.operand(&random)
            let expected = Self.bits(foundation(lhs, rhs))
            if let result = fast(lhs, rhs) {
                taken += 1
                guard Self.bits(result) == expected else {
                    Issue.record("pair \(index): \(lhs) \(symbol) \(rhs) = \(foundation(lhs, rhs)), fast path \(result)")
                    return
                }
            }
            #expect(Self.bits(entry(lhs, rhs)) == expected)
        }
        #expect(taken > pairs * 8 / 10, "fast path taken \(taken) of \(pairs) times")
    }

    @Test func quotientsAreFoundationsBitForBit() async {
        await Self.agreesWithFoundation(
            seed: 0xD1F1DE, symbol: "/", foundation: { $0 / $1 }, fast: DecimalArithmetic.fastQuotient,
            entry: DecimalArithmetic.quotient)
    }

    @Test func productsAreFoundationsBitForBit() async {
        await Self.agreesWithFoundation(
            seed: 0x9A0D, symbol: "*", foundation: { $0 * $1 }, fast: DecimalArithmetic.fastProduct,
            entry: DecimalArithmetic.product)
    }

    @Test func sumsDifferencesAndOrderAreFoundationsBitForBit() async {
        var random = SeededRandom(seed: 0x5A4D)
        var fast = 0
        let pairs = 60_000
        for index in 0..<pairs {
            if index % 1_000 == 0 { await Task.yield() }
            let lhs = Self.operand(&random)
            // Equal magnitudes and shared exponents too, where sums cancel and orders tie.
            let rhs = index % 7 == 0 ? -lhs : (index % 11 == 0 ? lhs : Self.operand(&random))
            let order = DecimalArithmetic.foundationOrder(lhs, rhs)
            if let sum = DecimalArithmetic.fastSum(lhs, rhs) {
                fast += 1
                guard Self.bits(sum) == Self.bits(lhs + rhs) else {
                    Issue.record("pair \(index): \(lhs) + \(rhs) = \(lhs + rhs), fast path \(sum)")
                    return
                }
            }
            if let difference = DecimalArithmetic.fastSum(lhs, rhs, negatingRight: true),
               Self.bits(difference) != Self.bits(lhs - rhs) {
                Issue.record("pair \(index): \(lhs) - \(rhs) = \(lhs - rhs), fast path \(difference)")
                return
            }
            if let compared = DecimalArithmetic.fastCompare(lhs, rhs), compared != order {
                Issue.record("pair \(index): \(lhs) vs \(rhs) is \(order.rawValue), fast path \(compared.rawValue)")
                return
            }
            #expect(Self.bits(DecimalArithmetic.sum(lhs, rhs)) == Self.bits(lhs + rhs))
            #expect(Self.bits(DecimalArithmetic.difference(lhs, rhs)) == Self.bits(lhs - rhs))
            #expect(DecimalArithmetic.compare(lhs, rhs) == order)
            #expect(lhs.precedes(rhs) == (lhs < rhs))
        }
        // Random exponents far apart often cannot be aligned in 128 bits; most pairs still take the fast path.
        #expect(fast > pairs / 2, "fast path taken \(fast) of \(pairs) times")
    }

    @Test func roundingIsNSDecimalRoundsBitForBit() async {
        var random = SeededRandom(seed: 0x2073D)
        let modes: [NSDecimalNumber.RoundingMode] = [.plain, .bankers, .down, .up]
        var fast = 0
        let values = 40_000
        for index in 0..<values {
            if index % 1_000 == 0 { await Task.yield() }
            var value = Self.operand(&random)
            if index % 4 == 0 {
                // Exact halves and near-halves at the place rounded to.
                let half = Decimal(sign: .plus, exponent: -Int.random(in: 1...8, using: &random), significand: 5)
                value = Decimal(Int.random(in: -999...999, using: &random)) + half
            }
            let places = Int.random(in: -3...12, using: &random)
            let mode = modes[index % modes.count]
            let expected = Self.bits(Self.foundationRounded(value, places, mode))
            if let rounded = DecimalArithmetic.fastRounded(value, places: places, mode: mode) {
                fast += 1
                guard Self.bits(rounded) == expected else {
                    Issue.record("value \(index): \(value) to \(places) places (\(mode)) = \(Self.foundationRounded(value, places, mode)), fast path \(rounded)")
                    return
                }
            }
            #expect(Self.bits(DecimalArithmetic.rounded(value, places: places, mode: mode)) == expected)
        }
        #expect(fast > values * 8 / 10, "fast path taken \(fast) of \(values) times")
    }

    @Test func hashingIsExactWhereDecimalsOwnHashIsNot() throws {
        func hash(_ value: Decimal) -> Int {
            var hasher = Hasher()
            DecimalArithmetic.combine(value, into: &hasher)
            return hasher.finalize()
        }
        let pairs: [(String, String)] = [
            ("0.1", "0.1000000000000000001"), ("1700000000000000.01", "1700000000000000.02"), ("-5", "5"), ("0", "1e-30"),
        ]
        for (left, right) in pairs {
            let a = try #require(Decimal(string: left)), b = try #require(Decimal(string: right))
            #expect(hash(a) != hash(b), "\(left) vs \(right)")
        }
        // Decimal's own hash cannot tell the first pair apart (it hashes the Double).
        #expect(try #require(Decimal(string: "0.1")).hashValue == (try #require(Decimal(string: "0.1000000000000000001"))).hashValue)
        var random = SeededRandom(seed: 9)
        for _ in 0..<2_000 {
            let value = Decimal(Int.random(in: -1_000_000...1_000_000, using: &random)) / Decimal(Int.random(in: 1...97, using: &random))
            // The same value from its text: equal bits hash equal (only the significand's words in use are read).
            let again = Decimal(string: value.description) ?? .nan
            if Self.bits(value) == Self.bits(again) { #expect(hash(value) == hash(again)) }
            #expect(hash(value) != hash(DecimalArithmetic.sum(value, 1)))
        }
        #expect(hash(.nan) == hash(.nan))
        #expect(hash(.nan) != hash(0))
    }

    @Test func edgesAreFoundations() throws {
        let texts = ["0", "1", "-1", "3", "0.5", "-0.5", "2.5", "-2.5", "0.05", "1e-120", "-1e-120", "1e120", "9e127",
                     "340282366920938463463374607431768211455", "-340282366920938463463374607431768211455",
                     "0.00000000000000000000000000000000000001", "12345678901234567890.123456789",
                     "99999999999999999999999999999999999999", "100000000000000000000", "1e19", "1e-19"]
        let values = try texts.map { text in
            try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
        } + [Decimal.nan]
        for dividend in values {
            for divisor in values {
                let expected = Self.bits(dividend / divisor)
                #expect(Self.bits(DecimalArithmetic.quotient(dividend, divisor)) == expected, "\(dividend) / \(divisor)")
                if let fast = DecimalArithmetic.fastQuotient(dividend, divisor) {
                    #expect(Self.bits(fast) == expected, "fast path: \(dividend) / \(divisor)")
                }
                #expect(DecimalArithmetic.compare(dividend, divisor) == DecimalArithmetic.foundationOrder(dividend, divisor),
                        "\(dividend) vs \(divisor)")
                #expect(Self.bits(DecimalArithmetic.sum(dividend, divisor)) == Self.bits(dividend + divisor),
                        "\(dividend) + \(divisor)")
                #expect(Self.bits(DecimalArithmetic.difference(dividend, divisor)) == Self.bits(dividend - divisor),
                        "\(dividend) - \(divisor)")
                if let fast = DecimalArithmetic.fastSum(dividend, divisor) {
                    #expect(Self.bits(fast) == Self.bits(dividend + divisor), "fast path: \(dividend) + \(divisor)")
                }
                // Foundation's `*` traps when the exponents' sum leaves a byte (1e120 * 9e127): no such pairs.
                guard abs(dividend.exponent + divisor.exponent) < 100 else { continue }
                let product = Self.bits(dividend * divisor)
                #expect(Self.bits(DecimalArithmetic.product(dividend, divisor)) == product, "\(dividend) * \(divisor)")
                if let fast = DecimalArithmetic.fastProduct(dividend, divisor) {
                    #expect(Self.bits(fast) == product, "fast path: \(dividend) * \(divisor)")
                }
            }
            for places in [-130, -5, 0, 1, 2, 6, 40, 127, 200, Int(Int16.max)] {
                for mode: NSDecimalNumber.RoundingMode in [.plain, .bankers, .down, .up] {
                    let expected = Self.bits(Self.foundationRounded(dividend, places, mode))
                    #expect(
                        Self.bits(DecimalArithmetic.rounded(dividend, places: places, mode: mode)) == expected,
                        "\(dividend) to \(places) places (\(mode))")
                    if let fast = DecimalArithmetic.fastRounded(dividend, places: places, mode: mode) {
                        #expect(Self.bits(fast) == expected, "fast path: \(dividend) to \(places) places (\(mode))")
                    }
                }
            }
        }
    }
}
