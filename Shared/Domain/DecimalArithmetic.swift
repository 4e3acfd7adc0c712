import Foundation
import JSONText

/// Division, multiplication, addition, comparison and rounding of `Decimal`s with the very results Foundation
/// gives — the same value *and* the same bits (significand, exponent, flags), so text and digests built from them
/// do not change — computed on 128-bit integers.
///
/// Why our own: swift-foundation's `Decimal` divides and rounds through variable-length arrays of 16-bit words, one
/// heap allocation and one pass over the words per decimal digit it strips. `perf record` of the scoring catch-up
/// had `/` at 12 % of the service's CPU, `*` and `NSDecimalRound` at 4 % each, additions and comparisons ≈ 8 %
/// (docs/performance.md, "Scoring", fourth pass); here a division is a 128 × 128-bit product, two word divisions
/// and the trailing-zero strip. Operators cannot be replaced for a Foundation type, so callers on hot paths use
/// `Decimal`'s `divided(by:)`, `multiplied(by:)`, `adding(_:)`, `subtracting(_:)` and `precedes(_:)` below.
///
/// What Foundation does, and so what is reproduced (its `Decimal+Math.swift`):
/// - `a / b`: the dividend's significand times 10³⁸, divided by the divisor's, truncated; a quotient wider than
///   128 bits loses digits — four at a time while it is wider than 144 bits, then one at a time — truncating
///   again; the exponent is `a.exponent − b.exponent − 38 +` the digits lost; then trailing zeros are stripped.
/// - `a * b`: the significands' full product, narrowed like a wide quotient (truncating), the exponents' sum,
///   the strip.
/// - `a + b`, `a − b` and the order: the significands aligned at the smaller exponent (only when the other scales
///   up within 128 bits — else Foundation drops digits first), added or subtracted, the strip.
/// - rounding to `places`: the dropped digits decide (the first one, and whether any after it is non-zero), by
///   `mode` on the magnitude (`.down` and `.up` towards −∞ and +∞, so mirrored for negatives), then the strip.
///
/// Only the common cases take the fast path; the rest (zero or NaN operands, a dividend's exponent 19 or more
/// above the divisor's — where Foundation first rescales both —, a result that is zero or whose exponent leaves a
/// byte) are Foundation's. The fast paths are used only when this process's `Decimal` layout is the one understood
/// (``DecimalParts/layoutUnderstood``) and each gives Foundation's bits on a set of probe values
/// (``fastPathAgrees``); otherwise every call is Foundation's. `DecimalArithmeticTests` compares both on 220 000
/// random operand pairs and on edges.
public enum DecimalArithmetic {
    /// `dividend / divisor`, bit for bit as Foundation's `/` computes it (NaN for a zero divisor, like it).
    public static func quotient(_ dividend: Decimal, _ divisor: Decimal) -> Decimal {
        if fastPathAgrees, let fast = fastQuotient(dividend, divisor) { return fast }
        return dividend / divisor
    }

    /// `lhs + rhs`, bit for bit as Foundation's `+` computes it.
    public static func sum(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        if fastPathAgrees, let fast = fastSum(lhs, rhs) { return fast }
        return lhs + rhs
    }

    /// `lhs - rhs`, bit for bit as Foundation's `-` computes it.
    public static func difference(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        if fastPathAgrees, let fast = fastSum(lhs, rhs, negatingRight: true) { return fast }
        return lhs - rhs
    }

    /// How `lhs` orders against `rhs`, as Foundation's `<` and `==` order them.
    public static func compare(_ lhs: Decimal, _ rhs: Decimal) -> ComparisonResult {
        if fastPathAgrees, let fast = fastCompare(lhs, rhs) { return fast }
        return foundationOrder(lhs, rhs)
    }

    /// Feeds `value` into `hasher` exactly: different values feed different bytes, unlike `Decimal`'s own
    /// `hash(into:)`, which hashes its `Double` approximation (so 0.1 and 0.1000000000000000001 hash alike there).
    /// Equal values written differently (1.0 and 1) may feed different bytes: it serves content digests, where
    /// that only means "changed" once more, never a change missed.
    public static func combine(_ value: Decimal, into hasher: inout Hasher) {
        guard DecimalParts.layoutUnderstood else {
            hasher.combine(value.description)  // exact text
            return
        }
        if let parts = parts(value) {
            hasher.combine(parts.negative)
            hasher.combine(parts.significand)
            hasher.combine(parts.exponent)
        } else {
            hasher.combine(value.isNaN ? "NaN" : "0")
        }
    }

    /// Foundation's order of two decimals, through its `<` and `==`.
    static func foundationOrder(_ lhs: Decimal, _ rhs: Decimal) -> ComparisonResult {
        lhs < rhs ? .orderedAscending : (lhs == rhs ? .orderedSame : .orderedDescending)
    }

    /// `lhs * rhs`, bit for bit as Foundation's `*` computes it.
    public static func product(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        if fastPathAgrees, let fast = fastProduct(lhs, rhs) { return fast }
        return lhs * rhs
    }

    /// `value` rounded to `places` decimal places with `mode`, bit for bit as `NSDecimalRound` gives it.
    public static func rounded(_ value: Decimal, places: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        if fastPathAgrees, let fast = fastRounded(value, places: places, mode: mode) { return fast }
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, mode)
        return result
    }

    // MARK: - The fast paths (internal for the tests, which call them without the probe gate)

    /// A finite, non-zero `Decimal` taken apart.
    struct Parts {
        var negative: Bool
        var significand: UInt128
        var exponent: Int
    }

    /// The parts of a finite non-zero `value` (the layout `DecimalParts` reads: exponent byte, length and sign in
    /// the second byte, eight little-endian 16-bit words from byte 4); `nil` for zero and NaN.
    static func parts(_ value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw -> Parts? in
            guard raw.count == 20 else { return nil }
            let flags = raw[1]
            let length = Int(flags >> 4)
            guard length > 0, length <= 8 else { return nil }
            var significand: UInt128 = 0
            var word = length - 1
            while word >= 0 {
                significand = significand << 16 | UInt128(raw[5 + 2 * word]) << 8 | UInt128(raw[4 + 2 * word])
                word -= 1
            }
            return Parts(negative: flags & 0x08 != 0, significand: significand, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// The compact `Decimal` of a non-zero significand (no trailing decimal zeros) and an exponent in a byte.
    static func make(negative: Bool, significand: UInt128, exponent: Int) -> Decimal {
        var length = 0
        var rest = significand
        while rest != 0 {
            length += 1
            rest >>= 16
        }
        var result = Decimal()
        withUnsafeMutableBytes(of: &result) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            raw[0] = UInt8(bitPattern: Int8(truncatingIfNeeded: exponent))
            // Length in the high nibble, then the sign and "compact" bits.
            raw[1] = UInt8(length << 4) | (negative ? 0x08 : 0) | 0x04
            var words = significand
            for word in 0..<8 {
                raw[4 + 2 * word] = UInt8(truncatingIfNeeded: words)
                raw[5 + 2 * word] = UInt8(truncatingIfNeeded: words >> 8)
                words >>= 16
            }
        }
        return result
    }

    /// Powers of ten that fit 128 bits.
    private static let powersOfTen: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `(high · 2¹²⁸ + low) / divisor`, truncated, as a 256-bit `(high, low)` pair.
    @inline(__always)
    private static func divide(_ high: UInt128, _ low: UInt128, by divisor: UInt128) -> (high: UInt128, low: UInt128) {
        let (upper, carried) = high.quotientAndRemainder(dividingBy: divisor)
        return (upper, divisor.dividingFullWidth((carried, low)).quotient)
    }

    /// How Foundation ends every operation (its `compact()`): trailing decimal zeros stripped into the exponent.
    /// `nil` for a zero significand or an exponent outside a byte before or after the strip, which Foundation
    /// handles its own way.
    @inline(__always)
    private static func compacted(negative: Bool, significand: UInt128, exponent: Int) -> Decimal? {
        guard significand != 0, exponent >= Int(Int8.min), exponent <= Int(Int8.max) else { return nil }
        var significand = significand, exponent = exponent
        while true {
            let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 10)
            guard remainder == 0 else { break }
            significand = quotient
            exponent += 1
        }
        guard exponent <= Int(Int8.max) else { return nil }
        return make(negative: negative, significand: significand, exponent: exponent)
    }

    /// Foundation's quotient, or `nil` where Foundation's own path must answer.
    static func fastQuotient(_ dividend: Decimal, _ divisor: Decimal) -> Decimal? {
        guard let a = parts(dividend), let b = parts(divisor), a.exponent - b.exponent < 19 else { return nil }
        let widened = a.significand.multipliedFullWidth(by: powersOfTen[38])
        var (high, low) = divide(widened.high, widened.low, by: b.significand)
        let dropped = fit(&high, &low)
        return compacted(negative: a.negative != b.negative, significand: low, exponent: a.exponent - b.exponent - 38 + dropped)
    }

    /// Drops decimal digits from a 256-bit value until it fits 128 bits the way Foundation's `_fitMantissa` does —
    /// four at a time while it is wider than 144 bits, then one at a time — truncating; returns the digits dropped.
    @inline(__always)
    private static func fit(_ high: inout UInt128, _ low: inout UInt128) -> Int {
        var dropped = 0
        guard high != 0 else { return 0 }
        while high >= 1 << 16 {
            (high, low) = divide(high, low, by: 10_000)
            dropped += 4
        }
        while high != 0 {
            (high, low) = divide(high, low, by: 10)
            dropped += 1
        }
        return dropped
    }

    /// The two significands at the smaller exponent, the way Foundation's `_normalize` aligns them when the one
    /// with the larger exponent can be scaled up within 128 bits; `nil` when it cannot (Foundation then drops digits
    /// of the other, which is left to it).
    @inline(__always)
    private static func aligned(_ a: Parts, _ b: Parts) -> (a: UInt128, b: UInt128, exponent: Int)? {
        if a.exponent == b.exponent { return (a.significand, b.significand, a.exponent) }
        let scaleA = a.exponent > b.exponent
        let difference = scaleA ? a.exponent - b.exponent : b.exponent - a.exponent
        guard difference <= 38 else { return nil }
        let scaled = (scaleA ? a.significand : b.significand).multipliedFullWidth(by: powersOfTen[difference])
        guard scaled.high == 0 else { return nil }
        return scaleA ? (scaled.low, b.significand, b.exponent) : (a.significand, scaled.low, a.exponent)
    }

    /// Foundation's sum (or difference, `negatingRight`), or `nil` where Foundation's own path must answer.
    static func fastSum(_ lhs: Decimal, _ rhs: Decimal, negatingRight: Bool = false) -> Decimal? {
        guard let a = parts(lhs), var b = parts(rhs) else { return nil }
        if negatingRight { b.negative.toggle() }
        guard let (x, y, exponent) = aligned(a, b) else { return nil }
        if a.negative == b.negative {
            let (total, overflow) = x.addingReportingOverflow(y)
            guard !overflow else { return nil }
            return compacted(negative: a.negative, significand: total, exponent: exponent)
        }
        // Opposite signs: the larger magnitude's sign; equal magnitudes (a zero result) are Foundation's.
        return x > y
            ? compacted(negative: a.negative, significand: x - y, exponent: exponent)
            : compacted(negative: b.negative, significand: y &- x, exponent: exponent)
    }

    /// Foundation's order, or `nil` where Foundation's own path must answer.
    static func fastCompare(_ lhs: Decimal, _ rhs: Decimal) -> ComparisonResult? {
        guard let a = parts(lhs), let b = parts(rhs) else { return nil }
        if a.negative != b.negative { return a.negative ? .orderedAscending : .orderedDescending }
        guard let (x, y, _) = aligned(a, b) else { return nil }
        if x == y { return .orderedSame }
        return (x < y) != a.negative ? .orderedAscending : .orderedDescending
    }

    /// Foundation's product, or `nil` where Foundation's own path must answer.
    static func fastProduct(_ lhs: Decimal, _ rhs: Decimal) -> Decimal? {
        guard let a = parts(lhs), let b = parts(rhs) else { return nil }
        var (high, low) = a.significand.multipliedFullWidth(by: b.significand)
        let dropped = fit(&high, &low)
        return compacted(negative: a.negative != b.negative, significand: low, exponent: a.exponent + b.exponent + dropped)
    }

    /// `NSDecimalRound`'s result, or `nil` where Foundation's own path must answer.
    static func fastRounded(_ value: Decimal, places: Int, mode: NSDecimalNumber.RoundingMode) -> Decimal? {
        guard let parts = parts(value), places < Int(Int16.max) else { return nil }
        let drop = -(places + parts.exponent)
        // Nothing to drop: Foundation hands the value back as it is.
        if drop <= 0 { return value }
        guard drop <= 38 else { return nil }
        let (kept, below) = parts.significand.quotientAndRemainder(dividingBy: powersOfTen[drop])
        var significand = kept
        if below != 0 {
            // The first dropped digit, and whether anything non-zero follows it.
            let (first, rest) = below.quotientAndRemainder(dividingBy: powersOfTen[drop - 1])
            let half = first == 5 && rest == 0
            let aboveHalf = first > 5 || (first == 5 && rest != 0)
            let awayFromZero: Bool
            switch mode {
            case .plain: awayFromZero = half || aboveHalf
            case .bankers: awayFromZero = aboveHalf || (half && kept & 1 == 1)
            case .down: awayFromZero = parts.negative
            case .up: awayFromZero = !parts.negative
            @unknown default: return nil
            }
            if awayFromZero { significand += 1 }
        }
        return compacted(negative: parts.negative, significand: significand, exponent: parts.exponent + drop)
    }

    /// Whether the fast paths give Foundation's bits on probe values in this process (checked once).
    public static let fastPathAgrees: Bool = {
        guard DecimalParts.layoutUnderstood else { return false }
        let texts = ["1", "3", "-7", "0.1", "123456.78", "-0.000345", "98765432109876543210.5", "1e-20", "7e10",
                     "340282366920938463463374607431768211455", "0.333333333333333333333333333333333333"]
        let values = texts.compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        guard values.count == texts.count else { return false }
        func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        for dividend in values {
            for divisor in values {
                if let fast = fastQuotient(dividend, divisor), bits(fast) != bits(dividend / divisor) { return false }
                if let fast = fastProduct(dividend, divisor), bits(fast) != bits(dividend * divisor) { return false }
                if let fast = fastSum(dividend, divisor), bits(fast) != bits(dividend + divisor) { return false }
                if let fast = fastSum(dividend, divisor, negatingRight: true), bits(fast) != bits(dividend - divisor) {
                    return false
                }
                if let fast = fastCompare(dividend, divisor), fast != foundationOrder(dividend, divisor) { return false }
            }
            for places in [-2, 0, 1, 2, 6] {
                for mode: NSDecimalNumber.RoundingMode in [.plain, .bankers, .down, .up] {
                    var input = dividend
                    var expected = Decimal()
                    NSDecimalRound(&expected, &input, places, mode)
                    if let fast = fastRounded(dividend, places: places, mode: mode), bits(fast) != bits(expected) {
                        return false
                    }
                }
            }
        }
        return true
    }()
}

extension Decimal {
    /// `self / divisor`, bit for bit Foundation's quotient (NaN for a zero divisor), on ``DecimalArithmetic``'s
    /// fast path where it applies.
    public func divided(by divisor: Decimal) -> Decimal {
        DecimalArithmetic.quotient(self, divisor)
    }

    /// `self + other`, bit for bit Foundation's sum, on ``DecimalArithmetic``'s fast path where it applies.
    public func adding(_ other: Decimal) -> Decimal {
        DecimalArithmetic.sum(self, other)
    }

    /// `self - other`, bit for bit Foundation's difference, on ``DecimalArithmetic``'s fast path where it applies.
    public func subtracting(_ other: Decimal) -> Decimal {
        DecimalArithmetic.difference(self, other)
    }

    /// Whether `self < other`, as Foundation orders them, on ``DecimalArithmetic``'s fast path where it applies.
    public func precedes(_ other: Decimal) -> Bool {
        DecimalArithmetic.compare(self, other) == .orderedAscending
    }

    /// `self * factor`, bit for bit Foundation's product, on ``DecimalArithmetic``'s fast path where it applies.
    public func multiplied(by factor: Decimal) -> Decimal {
        DecimalArithmetic.product(self, factor)
    }
}
