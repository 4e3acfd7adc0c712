import Domain
import JSONText

/// The JSON form of an extraction (`kechuang extract FILE --format json`).
///
/// ```
/// {"observations": [
///   {"value": 1.437, "unit": "亿元", "qualifier": "planned", "period": null, "subject": "投资",
///    "indicator": "fund.planned_investment", "text": "拟投资1.437\n\n亿元", "start": 1239, "end": 1251}
/// ]}
/// ```
/// Each observation has exactly these fields, in this order: `value` (a JSON number printed exactly from the
/// `Decimal`), `unit` (as printed: 家 亿元 % …), `qualifier`, `period` (string or null), `subject`,
/// `indicator` (catalog id or null), `text` (the phrase in the original text), `start`/`end` (Unicode-scalar
/// offsets into the original text, end exclusive).
public enum ExtractionJSON {
    /// Renders `result` as JSON, one observation per line, keys in a stable order; ends with a newline.
    public static func render(_ result: ExtractionResult) -> String {
        guard !result.observations.isEmpty else { return "{\"observations\": []}\n" }
        let lines = result.observations.map { "    " + object($0) }
        return "{\n  \"observations\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// One observation as a single-line JSON object.
    static func object(_ observation: ReportedObservation) -> String {
        let fields: [(String, String)] = [
            // Never `NaN` (not JSON): the scanner refuses numbers a Decimal cannot hold, and this guards the output.
            ("value", observation.value.isNaN ? "null" : DecimalText.string(observation.value)),
            ("unit", quoted(observation.unit.rawValue)),
            ("qualifier", quoted(observation.qualifier.rawValue)),
            ("period", observation.period.map(quoted) ?? "null"),
            ("subject", quoted(observation.subject)),
            ("indicator", observation.indicatorID.map(quoted) ?? "null"),
            ("text", quoted(observation.phrase)),
            ("start", observation.span.map { String($0.start) } ?? "null"),
            ("end", observation.span.map { String($0.end) } ?? "null"),
        ]
        return "{" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A JSON string literal (see `JSONText` for the escaping rules; non-ASCII text is kept as UTF-8).
    static func quoted(_ text: String) -> String {
        JSONText.quote(text)
    }
}
