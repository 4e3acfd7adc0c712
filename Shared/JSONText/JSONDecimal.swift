import Foundation

/// The plain text of a `Decimal` (`-12.5`, `0.001`, `100`) exactly as `Decimal.description` spells it, without its
/// cost for the values messages carry.
///
/// Why our own: `Decimal.description` converts through a variable-length integer per call and was 11 % of the
/// scoring service's catch-up CPU (`perf record`, docs/performance.md). Values whose significand fits in 64 bits
/// (up to 19 digits — amounts, ratios rounded for display, points) are written from their ``DecimalParts``;
/// anything else (longer significands, NaN, a `Decimal` layout the probe does not recognise) takes `description`.
/// `JSONDecimalTests` compares both spellings on random values.
public enum JSONDecimal {
    /// Appends the text of `value` to `out`.
    public static func append(_ value: Decimal, to out: inout [UInt8]) {
        guard let parts = DecimalParts(value) else {
            out.append(contentsOf: value.description.utf8)
            return
        }
        parts.write(to: &out)
    }

    /// The text of `value`.
    public static func string(_ value: Decimal) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
