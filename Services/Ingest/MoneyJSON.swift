import Domain
import Messaging

/// ``Domain/Money`` as the hand-written event bodies (``FilingRecordedBody``, ``ProgramEventRecordedBody``) write it:
/// `{"amount":"<DecimalText>","unit":"万元"}`, byte for byte what `Money.encode(to:)` gives through the generic
/// encoder.
enum MoneyJSON {
    /// Appends `money`.
    static func append(_ money: Money, to out: inout [UInt8]) {
        JSONBodyWriter.literal(#"{"amount":"#, to: &out)
        JSONBodyWriter.string(DecimalText.string(money.amount), to: &out)
        JSONBodyWriter.literal(#","unit":"#, to: &out)
        JSONBodyWriter.string(money.unit.rawValue, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
