import Foundation
import JSONText

/// The byte-level pieces every hand-written message body (`MetricUpdateBody`, `ScoreUpdateBody`,
/// `HighTechUpdateBody`) writes with, spelled exactly as ``FastJSONEncoder`` spells them: literals, quoted strings
/// (`JSONText`), decimals (`JSONDecimal`) and integers (``HeaderJSONWriter/appendInteger(_:into:)``).
public enum JSONBodyWriter {
    /// Appends literal JSON text (keys with their punctuation, brackets). Inlinable: the hand-written bodies call
    /// it for every key.
    @inlinable
    public static func literal(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `value` as a quoted JSON string.
    public static func string(_ value: String, to out: inout [UInt8]) {
        JSONText.appendQuoted(value, to: &out)
    }

    /// Appends `value` as a JSON number, as `Decimal.description` spells it.
    public static func decimal(_ value: Decimal, to out: inout [UInt8]) {
        JSONDecimal.append(value, to: &out)
    }

    /// Appends a signed integer.
    public static func integer(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        HeaderJSONWriter.appendInteger(UInt64(value.magnitude), into: &out)
    }

    /// Appends an unsigned integer.
    public static func unsigned(_ value: UInt64, to out: inout [UInt8]) {
        HeaderJSONWriter.appendInteger(value, into: &out)
    }
}
