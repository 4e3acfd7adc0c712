import Foundation
import Contracts
import Domain
import JSONText
import ServiceKit

/// Renders metric updates for people (Chinese and English indicator names from the catalog) and for programs
/// (one JSON object per line with exact decimal numbers).
struct MetricFormatter: Sendable {
    /// The catalog naming indicators and programs.
    let catalog: Catalog

    /// `中文名 English name` of an indicator (the id when the catalog does not know it).
    func indicatorName(_ id: String) -> String {
        guard let indicator = catalog.indicator(id: id) else { return id }
        return "\(indicator.nameZh) \(indicator.nameEn)"
    }

    /// A scope in Chinese: 全市 county, the town's name, the program's name, or a scoring scheme (and grade).
    func scopeName(_ scope: MetricScope) -> String {
        if scope == .county { return "全市 county" }
        if let (scheme, grade) = scope.schemeAndGrade {
            return "方案 scheme \(scheme)" + (grade.map { " 格次 grade \($0)" } ?? "")
        }
        if scope.rawValue.hasPrefix("town:") { return String(scope.rawValue.dropFirst(5)) }
        if scope.rawValue.hasPrefix("program:") {
            let id = String(scope.rawValue.dropFirst(8))
            return catalog.program(id: id)?.nameZh ?? id
        }
        return scope.rawValue
    }

    /// One watch line: `#seq  value unit  中文 English [id]  period  scope  source  (was …)  target …%  ⚠ …`.
    func line(sequence: UInt64, update: MetricUpdate, fromSnapshot: Bool) -> String {
        var parts = [
            (fromSnapshot ? "=" : "#") + String(sequence),
            DecimalText.string(update.value) + update.unit.rawValue,
            indicatorName(update.key.indicator) + " [\(update.key.indicator)]",
            update.key.period,
            scopeName(update.key.scope),
            "\(update.key.source.nameZh) \(update.key.source.rawValue)",
        ]
        if let qualifier = update.qualifier, qualifier != .exact { parts.append(qualifier.rawValue) }
        if let previous = update.previousValue { parts.append("(原 was \(DecimalText.string(previous)))") }
        if let progress = update.targetProgressPercent { parts.append("目标 target \(DecimalText.string(Self.rounded(progress)))%") }
        for flag in update.quality { parts.append("⚠ \(flag.message)") }
        return parts.joined(separator: "  ")
    }

    /// One JSON object: sequence, snapshot, topic, indicator, period, scope, source, value, unit, previousValue,
    /// qualifier, targetProgressPercent, quality (kinds), documentID, ingestSequence. Numbers are exact decimals.
    func jsonLine(sequence: UInt64, update: MetricUpdate, fromSnapshot: Bool) -> String {
        let quality = update.quality.map { JSONText.quote($0.kind.rawValue) }.joined(separator: ",")
        let fields: [(String, String)] = [
            ("sequence", String(sequence)),
            ("snapshot", fromSnapshot ? "true" : "false"),
            ("topic", JSONText.quote(update.topic.rawValue)),
            ("indicator", JSONText.quote(update.key.indicator)),
            ("period", JSONText.quote(update.key.period)),
            ("scope", JSONText.quote(update.key.scope.rawValue)),
            ("source", JSONText.quote(update.key.source.rawValue)),
            ("value", DecimalText.string(update.value)),
            ("unit", JSONText.quote(update.unit.rawValue)),
            ("previousValue", update.previousValue.map(DecimalText.string) ?? "null"),
            ("qualifier", update.qualifier.map { JSONText.quote($0.rawValue) } ?? "null"),
            ("targetProgressPercent", update.targetProgressPercent.map(DecimalText.string) ?? "null"),
            ("quality", "[" + quality + "]"),
            ("documentID", update.documentID.map(JSONText.quote) ?? "null"),
            ("ingestSequence", String(update.ingestSequence)),
        ]
        return "{" + fields.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// `value` rounded to one decimal place for display.
    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 1, .plain)
        return output
    }
}
