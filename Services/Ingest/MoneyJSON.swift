import Domain
import Messaging

/// ``Domain/Money`` as the hand-written event bodies (``FilingRecordedBody``, ``ProgramEventRecordedBody``) write it:
/// `{"amount":"<DecimalText>","unit":"万元"}`, byte for byte what `Money.encode(to:)` gives through the generic
/// encoder.
enum MoneyJSON {
    /// Appends `money`.
    static func append(_ money: Money, to out: inout [UInt8]) {
        // `DecimalText.string` is `JSONDecimal`'s text: digits, a sign and a point, nothing that needs escaping,
        // so it is written between the quotes directly instead of built as a string and quoted.
        JSONBodyWriter.literal(#"{"amount":""#, to: &out)
        JSONBodyWriter.decimal(money.amount, to: &out)
        out.append(UInt8(ascii: "\""))
        JSONBodyWriter.literal(#","unit":"#, to: &out)
        JSONBodyWriter.string(money.unit.rawValue, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
