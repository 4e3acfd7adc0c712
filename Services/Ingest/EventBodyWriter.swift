import Domain
import Messaging

/// The field writers the hand-written ingest event bodies (``FilingRecordedBody``, ``ProgramEventRecordedBody``)
/// share, each spelled as the generic encoder spells that field: `key` is the literal `,"name":` before the value,
/// and an absent optional writes nothing (what `encodeIfPresent` does).
enum EventBodyWriter {
    /// Appends literal JSON text.
    @inline(__always)
    static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        JSONBodyWriter.literal(text, to: &out)
    }

    /// `key` and the quoted `value`.
    static func text(_ key: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONBodyWriter.string(value, to: &out)
    }

    /// `key` and the integer `value`.
    static func count(_ key: StaticString, _ value: Int?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONBodyWriter.integer(value, to: &out)
    }

    /// `key` and `true` or `false`.
    static func flag(_ key: StaticString, _ value: Bool?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        value ? literal("true", &out) : literal("false", &out)
    }

    /// `key` and the money `value`.
    static func money(_ key: StaticString, _ value: Money?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        money(value, &out)
    }

    /// ``Domain/Money`` as `Money.encode(to:)` writes it: `{"amount":"<DecimalText>","unit":"万元"}`.
    static func money(_ money: Money, _ out: inout [UInt8]) {
        // `DecimalText.string` is `JSONDecimal`'s text: digits, a sign and a point, nothing that needs escaping,
        // so it is written between the quotes directly instead of built as a string and quoted.
        literal(#"{"amount":""#, &out)
        JSONBodyWriter.decimal(money.amount, to: &out)
        literal(#"","unit":"#, &out)
        JSONBodyWriter.string(money.unit.rawValue, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
