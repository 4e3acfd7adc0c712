import Domain
import Foundation
import JSONText

/// The JSON form of an extraction (`kechuang extract FILE --format json`).
///
/// ```
/// {"observations": [
///   {"value": 1.437, "unit": "亿元", "qualifier": "planned", "period": null, "subject": "投资",
///    "indicator": "fund.planned_investment", "text": "拟投资1.437\n\n亿元", "start": 1239, "end": 1251,
///    "bound": null, "upper": null, "growth": null, "rank": null, "fraction": null}
/// ]}
/// ```
/// Each observation has exactly these fields, in this order: `value` (a JSON number printed exactly from the
/// `Decimal`), `unit` (as printed: 家 亿元 % 个百分点 倍 平方米 亩 吨 千瓦 PFLOPS …), `qualifier`, `period` (string
/// or null), `subject`, `indicator` (catalog id or null), `text` (the phrase in the original text), `start`/`end`
/// (Unicode-scalar offsets into the original text, end exclusive), then the details, null when absent: `bound`
/// (`approximate`, `lower_bound`, `upper_bound`, `range`), `upper` (a range's upper end), `growth`
/// (`{"basis", "direction", "of", "base_subject"}`, `of` being the index in `observations` of the figure that
/// grew), `rank` (`{"position", "scope"}`) and `fraction` (`{"numerator", "denominator"}`). docs/cli.md
/// describes the schema.
public enum ExtractionJSON {
    /// Renders `result` as JSON, one observation per line, keys in a stable order; ends with a newline.
    public static func render(_ result: ExtractionResult) -> String {
        guard !result.observations.isEmpty else { return "{\"observations\": []}\n" }
        var indexByStart: [Int: Int] = [:]
        for (index, observation) in result.observations.enumerated() {
            if let span = observation.span { indexByStart[span.start] = index }
        }
        let lines = result.observations.map { "    " + object($0, indexByStart: indexByStart) }
        return "{\n  \"observations\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// One observation as a single-line JSON object; `indexByStart` finds a growth's base observation.
    static func object(_ observation: ReportedObservation, indexByStart: [Int: Int] = [:]) -> String {
        let fields: [(String, String)] = [
            // Never `NaN` (not JSON): the scanner refuses numbers a Decimal cannot hold, and this guards the output.
            ("value", number(observation.value)),
            ("unit", quoted(observation.unit.rawValue)),
            ("qualifier", quoted(observation.qualifier.rawValue)),
            ("period", observation.period.map(quoted) ?? "null"),
            ("subject", quoted(observation.subject)),
            ("indicator", observation.indicatorID.map(quoted) ?? "null"),
            ("text", quoted(observation.phrase)),
            ("start", observation.span.map { String($0.start) } ?? "null"),
            ("end", observation.span.map { String($0.end) } ?? "null"),
            ("bound", observation.bound.map { quoted($0.rawValue) } ?? "null"),
            ("upper", observation.upperValue.map(number) ?? "null"),
            ("growth", observation.growth.map { growth in
                let base = growth.baseSpan.flatMap { indexByStart[$0.start] }
                return dictionary([
                    ("basis", quoted(growth.basis.rawValue)), ("direction", quoted(growth.direction.rawValue)),
                    ("of", base.map(String.init) ?? "null"), ("base_subject", growth.baseSubject.map(quoted) ?? "null"),
                ])
            } ?? "null"),
            ("rank", observation.rank.map {
                dictionary([("position", String($0.position)), ("scope", $0.scope.map(quoted) ?? "null")])
            } ?? "null"),
            ("fraction", observation.fraction.map {
                dictionary([("numerator", String($0.numerator)), ("denominator", String($0.denominator))])
            } ?? "null"),
        ]
        return dictionary(fields)
    }

    private static func dictionary(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    private static func number(_ value: Decimal) -> String {
        value.isNaN ? "null" : DecimalText.string(value)
    }

    /// A JSON string literal (see `JSONText` for the escaping rules; non-ASCII text is kept as UTF-8).
    static func quoted(_ text: String) -> String {
        JSONText.quote(text)
    }
}
