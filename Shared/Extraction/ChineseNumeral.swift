import Domain
import Foundation

/// Parsing of numbers as printed in Chinese reports: Arabic digits (ASCII or full-width) with thousands
/// separators and decimals, and Chinese numerals (两 七 十三 二十 一百零五 三千二百万).
public enum ChineseNumeral {
    /// Digit characters of Chinese numerals (the definition; ``digitValue(_:)`` answers from a switch).
    static let digits: [Unicode.Scalar: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    /// Small multipliers inside a section (the definition; ``smallUnitValue(_:)`` answers from a switch).
    static let smallUnits: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000]
    /// Section multipliers (the definition; ``largeUnitValue(_:)`` answers from a switch).
    static let largeUnits: [Unicode.Scalar: Decimal] = ["万": 10_000, "亿": 100_000_000]

    // The scanner asks these for every scalar of a report (several times each). Dictionary lookups hashed each
    // scalar: 10 % of extracting a 1 MiB report (perf, 2026-12-01); the switches below answer the same
    // (`ChineseNumeralTests` compares them with the dictionaries for every scalar).

    /// `digits[scalar]`.
    @inline(__always)
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// `smallUnits[scalar]`.
    @inline(__always)
    static func smallUnitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十": 10
        case "百": 100
        case "千": 1000
        default: nil
        }
    }

    /// `largeUnits[scalar]`.
    @inline(__always)
    static func largeUnitValue(_ scalar: Unicode.Scalar) -> Decimal? {
        switch scalar {
        case "万": 10_000
        case "亿": 100_000_000
        default: nil
        }
    }

    /// Whether `scalar` can be part of a Chinese numeral.
    static func isNumeralScalar(_ scalar: Unicode.Scalar) -> Bool {
        // Every numeral scalar is a CJK ideograph (U+3007 〇 or U+4E00–U+9FFF): one compare rejects most text.
        guard scalar.value >= 0x3007 else { return false }
        return digitValue(scalar) != nil || smallUnitValue(scalar) != nil || largeUnitValue(scalar) != nil
    }

    /// Whether a Chinese numeral can start with `scalar` (a digit or 十, not 百 千 万 亿 alone).
    static func canStartNumeral(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x3007 else { return false }
        return (digitValue(scalar) != nil && scalar != "零" && scalar != "〇") || scalar == "十"
    }

    /// The value of a Chinese numeral such as `十三`, `二十`, `一百零五`, `两万`, `三千二百万`, `一亿零五百万`,
    /// or `nil` when the text is not a well-formed numeral.
    public static func value(of text: String) -> Decimal? {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var total: Decimal = 0
        var section = 0  // value below 万 being built
        var number: Int?  // last digit, not yet multiplied
        var previousWasDigit = false
        for scalar in scalars {
            if let digit = digitValue(scalar) {
                // Two non-zero digits in a row (一二, 二〇二四) spell a list or a year, not a quantity.
                if previousWasDigit, digit != 0, (number ?? 0) != 0 { return nil }
                number = digit
                previousWasDigit = true
                continue
            }
            previousWasDigit = false
            if let multiplier = smallUnitValue(scalar) {
                let factor: Int
                if let number, number > 0 {
                    factor = number
                } else if multiplier == 10 {
                    factor = 1  // 十三, 一百一十
                } else {
                    return nil  // 百 or 千 without a digit
                }
                section += factor * multiplier
                number = nil
            } else if let multiplier = largeUnitValue(scalar) {
                section += number ?? 0
                guard section > 0 || total > 0 else { return nil }
                if multiplier == 100_000_000 {
                    total = (total + Decimal(section)) * multiplier
                } else {
                    total += Decimal(section) * multiplier
                }
                section = 0
                number = nil
            } else {
                return nil
            }
        }
        return total + Decimal(section + (number ?? 0))
    }

    /// ``arabicValue(of:)`` on scalars, as the scanner reads a number. Up to 18 digits the integer part, the
    /// fraction digits and the fraction's scale are gathered in `UInt64`s and made `Decimal`s once:
    /// `Decimal(UInt64)` is, byte for byte, the `Decimal` the reference builds digit by digit
    /// (`integer * 10 + digit`), so the result (`integer + fraction / scale`, the same last step) is too
    /// (`ChineseNumeralTests` compares the bytes on 100 000 random numbers). Two `Decimal` operations per digit
    /// were half of figure scanning (perf, 2026-12-01). Longer numbers take the reference.
    static func arabicValue(scalars: ArraySlice<Unicode.Scalar>) -> Decimal? {
        var integer: UInt64 = 0
        var fraction: UInt64 = 0
        var fractionScale: UInt64 = 1
        var inFraction = false
        var sawDigit = false
        var digits = 0
        for scalar in scalars {
            if let digit = ScalarClass.digitValue(scalar) {
                sawDigit = true
                digits += 1
                guard digits <= 18 else { return arabicValue(of: NormalizedText.string(scalars)) }
                if inFraction {
                    fractionScale *= 10
                    fraction = fraction * 10 + UInt64(digit)
                } else {
                    integer = integer * 10 + UInt64(digit)
                }
            } else if scalar == "." || scalar == "．" {
                guard !inFraction, sawDigit else { return nil }
                inFraction = true
            } else if scalar == "," || scalar == "，" {
                guard !inFraction, sawDigit else { return nil }
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        return Decimal(integer) + Decimal(fraction) / Decimal(fractionScale)
    }

    /// The value of an Arabic number with optional thousands separators (`,` or `，` between groups of three)
    /// and decimal point (`.` or `．`), digits ASCII or full-width; `nil` when malformed.
    public static func arabicValue(of text: String) -> Decimal? {
        var integer: Decimal = 0
        var fraction: Decimal = 0
        var fractionScale: Decimal = 1
        var inFraction = false
        var sawDigit = false
        var significant = 0
        for scalar in text.unicodeScalars {
            if let digit = ScalarClass.digitValue(scalar) {
                sawDigit = true
                if digit != 0 || significant > 0 { significant += 1 }
                // Beyond what a Decimal holds exactly (it would round, then overflow to NaN): not a figure.
                guard significant <= DecimalText.maxSignificantDigits else { return nil }
                if inFraction {
                    fractionScale *= 10
                    fraction = fraction * 10 + Decimal(digit)
                } else {
                    integer = integer * 10 + Decimal(digit)
                }
            } else if scalar == "." || scalar == "．" {
                guard !inFraction, sawDigit else { return nil }
                inFraction = true
            } else if scalar == "," || scalar == "，" {
                guard !inFraction, sawDigit else { return nil }
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        return integer + fraction / fractionScale
    }
}
