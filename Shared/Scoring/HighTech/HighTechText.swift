import Domain
import Foundation

/// How figures are written in the assessment's messages. Only the messages are rounded; the typed values
/// stay exact.
///
/// - A ratio found is rounded **down** to 0.01 % (3.996 % shows as 3.99 %, never as a passing 4.0 %) and
///   written with at least one decimal (`3.6%`, `4.0%`).
/// - An amount to add is rounded **up** (never understating a gap): Chinese in 万元 to 0.01 万元 from
///   1 万元 up, else whole 元; English in millions (`¥1.2M`) to ¥0.01M from ¥1M up, else whole yuan with
///   thousands separators (`¥30,000`).
/// - Points are rounded half-up to 0.01.
enum HighTechText {
    /// A percent figure, rounded down to 0.01, at least one decimal: `3.6%`.
    static func percent(_ value: Decimal) -> String {
        oneDecimalAtLeast(HighTechDecimal.round(value, scale: 2, .down)) + "%"
    }

    /// Evaluation points rounded half-up to 0.01, trailing zeros dropped: `26.25`, `70`.
    static func points(_ value: Decimal) -> String {
        DecimalText.string(HighTechDecimal.round(value, scale: 2, .plain))
    }

    /// An amount in Chinese: `120万元`, `3000元`.
    static func moneyZh(_ money: Money) -> String {
        let yuan = money.yuan
        if yuan >= 10_000 {
            return DecimalText.string(HighTechDecimal.round(yuan.divided(by: 10_000), scale: 2, .up)) + "万元"
        }
        return DecimalText.string(HighTechDecimal.round(yuan, scale: 0, .up)) + "元"
    }

    /// An amount in English: `¥1.2M`, `¥30,000`.
    static func moneyEn(_ money: Money) -> String {
        let yuan = money.yuan
        if yuan >= 1_000_000 {
            return "¥" + DecimalText.string(HighTechDecimal.round(yuan.divided(by: 1_000_000), scale: 2, .up)) + "M"
        }
        return "¥" + grouped(DecimalText.string(HighTechDecimal.round(yuan, scale: 0, .up)))
    }

    /// Years joined for a message: `2022, 2023`.
    static func years(_ years: [Int]) -> String {
        years.map(String.init).joined(separator: ", ")
    }

    private static func oneDecimalAtLeast(_ value: Decimal) -> String {
        let text = DecimalText.string(value)
        return text.contains(".") ? text : text + ".0"
    }

    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
