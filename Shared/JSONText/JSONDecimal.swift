import Foundation

/// The plain text of a `Decimal` (`-12.5`, `0.001`, `100`) exactly as `Decimal.description` spells it, without its
/// cost for the values messages carry.
///
/// Why our own: `Decimal.description` converts through a variable-length integer per call and was 11 % of the
/// scoring service's catch-up CPU (`perf record`, docs/performance.md). Values whose significand fits in 64 bits
/// (up to 19 digits — amounts, ratios rounded for display, points) are written straight from the value's bytes;
/// anything else (longer significands, NaN) and any process where the byte layout does not match what the probe
/// below expects take `description`. `JSONDecimalTests` compares both spellings on random values.
public enum JSONDecimal {
    /// Appends the text of `value` to `out`.
    public static func append(_ value: Decimal, to out: inout [UInt8]) {
        guard layoutUnderstood, let parts = parts(of: value) else {
            out.append(contentsOf: value.description.utf8)
            return
        }
        write(parts, to: &out)
    }

    /// The text of `value`.
    public static func string(_ value: Decimal) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Sign, significand and exponent of a finite value with a significand of at most 64 bits.
    struct Parts: Equatable {
        var negative: Bool
        var significand: UInt64
        var exponent: Int
    }

    /// Reads the value's fields from its bytes: the exponent (a signed byte), the length in 16-bit words (high four
    /// bits of the second byte), the sign (bit 3 of it), and the little-endian 16-bit significand words from byte 4.
    /// `nil` for NaN and for significands longer than four words.
    static func parts(of value: Decimal) -> Parts? {
        withUnsafeBytes(of: value) { raw -> Parts? in
            guard raw.count == 20 else { return nil }
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            if length == 0 { return negative ? nil : Parts(negative: false, significand: 0, exponent: 0) }
            guard length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                let low = UInt64(raw[4 + 2 * word]), high = UInt64(raw[5 + 2 * word])
                significand = significand << 16 | high << 8 | low
            }
            return Parts(negative: negative, significand: significand, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// Writes `parts` as `description` does: the digits, zeros appended for a positive exponent, a point placed
    /// (with leading `0.` and zeros when needed) for a negative one; trailing fraction zeros kept.
    static func write(_ parts: Parts, to out: inout [UInt8]) {
        if parts.significand == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        if parts.negative { out.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var rest = parts.significand
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        digits.reverse()
        if parts.exponent >= 0 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: parts.exponent))
            return
        }
        let fraction = -parts.exponent
        if digits.count > fraction {
            out.append(contentsOf: digits[..<(digits.count - fraction)])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[(digits.count - fraction)...])
        } else {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fraction - digits.count))
            out.append(contentsOf: digits)
        }
    }

    /// Whether this process's `Decimal` has the byte layout ``parts(of:)`` reads: checked once against
    /// `description` on probe values covering sign, exponents and multi-word significands.
    static let layoutUnderstood: Bool = {
        let probes = ["0", "1", "-1", "1.5", "-0.00012", "1234.5678", "65536", "100", "1e20",
                      "18446744073709551615", "-0.000000000000000000000000000000001"]
        for probe in probes {
            guard let value = Decimal(string: probe, locale: Locale(identifier: "en_US_POSIX")),
                  let parts = parts(of: value) else { return false }
            var out: [UInt8] = []
            write(parts, to: &out)
            guard String(decoding: out, as: UTF8.self) == value.description else { return false }
        }
        // A 30-digit significand is longer than four words: it must not be read as a short one.
        return Decimal(string: "123456789012345678901234567890").map { parts(of: $0) == nil } ?? false
    }()
}
