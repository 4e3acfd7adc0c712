import Foundation

/// The plain text of a `Decimal` (`-12.5`, `0.001`, `100`) exactly as `Decimal.description` spells it, without its
/// cost for the values messages carry.
///
/// Why our own: `Decimal.description` converts through a variable-length integer per call and was 11 % of the
/// scoring service's catch-up CPU (`perf record`, docs/performance.md). Values whose significand fits in 64 bits
/// (up to 19 digits — amounts, ratios rounded for display, points) are written from their ``DecimalParts``, longer
/// ones (38-digit quotients) by ``DecimalParts/writeWide(_:to:)``; anything else (NaN, a `Decimal` layout the probe
/// does not recognise) takes `description`.
/// `JSONDecimalTests` compares both spellings on random values.
public enum JSONDecimal {
    /// Appends the text of `value` to `out`.
    public static func append(_ value: Decimal, to out: inout [UInt8]) {
        if let parts = DecimalParts(value) {
            parts.write(to: &out)
        } else if !DecimalParts.writeWide(value, to: &out) {
            out.append(contentsOf: value.description.utf8)
        }
    }

    /// The text of `value`.
    public static func string(_ value: Decimal) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The common case of decimal text without Foundation's parser: `[+-]?digits[.digits]` with at most 19
    /// significant digits and a value other than zero, trailing zeros stripped — the same value, byte for byte, as
    /// `Decimal(string:)` gives (`DecimalTextTests`) and as `JSONDecoder` gives for such a JSON number
    /// (`FastJSONDecoderTests`). `nil` means: take the general path.
    public static func parsePlain(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        var seenDigit = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenPoint { fractionDigits += 1 }
                if significand == 0 && byte == UInt8(ascii: "0") { continue }
                digits += 1
                guard digits <= 19 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "."):
                guard !seenPoint, seenDigit else { return nil }
                seenPoint = true
                seenDigit = false
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard offset == 0 else { return nil }
                negative = byte == UInt8(ascii: "-")
            default:
                return nil
            }
        }
        guard seenDigit, significand != 0, fractionDigits <= 38 else { return nil }
        var exponent = -fractionDigits
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}
