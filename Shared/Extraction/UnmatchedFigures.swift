import Domain
import JSONText

/// The figures of an extraction that no catalog indicator recognised, grouped by subject
/// (`kechuang extract FILE --unmatched`): what a county would add to its catalog override so the next run maps them.
public struct UnmatchedFigures: Sendable, Hashable {
    /// One subject and the figures stated for it.
    public struct Group: Sendable, Hashable {
        /// The subject, in the report's words.
        public var subject: String
        /// Its figures, in text order.
        public var observations: [ReportedObservation]
        /// The distinct units of those figures, in order of first appearance.
        public var units: [MeasureUnit] {
            var seen: [MeasureUnit] = []
            for observation in observations where !seen.contains(observation.unit) { seen.append(observation.unit) }
            return seen
        }
    }

    /// Groups with the most figures first, then by subject (code-point order) for a stable listing.
    public var groups: [Group]

    /// Groups the figures of `result` whose `indicatorID` is nil. Figures without a subject are grouped under
    /// the empty subject, listed last.
    public init(_ result: ExtractionResult) {
        var bySubject: [String: [ReportedObservation]] = [:]
        for observation in result.observations where observation.indicatorID == nil {
            bySubject[observation.subject, default: []].append(observation)
        }
        groups = bySubject.map { Group(subject: $0.key, observations: $0.value) }.sorted { left, right in
            if left.subject.isEmpty != right.subject.isEmpty { return !left.subject.isEmpty }
            if left.observations.count != right.observations.count {
                return left.observations.count > right.observations.count
            }
            return left.subject.unicodeScalars.lexicographicallyPrecedes(right.subject.unicodeScalars)
        }
    }

    /// The number of unmatched figures.
    public var count: Int { groups.reduce(0) { $0 + $1.observations.count } }

    /// A listing for a terminal: one block per subject with its figures (value, unit, qualifier, offsets, phrase).
    public func renderTable() -> String {
        var lines: [String] = []
        for group in groups {
            let units = group.units.map(\.rawValue).joined(separator: " ")
            lines.append("\(group.subject.isEmpty ? "（无主题 no subject）" : group.subject)  [\(group.observations.count) 项, 单位 \(units)]")
            for observation in group.observations {
                let offsets = observation.span.map { "\($0.start)..<\($0.end)" } ?? "—"
                let phrase = observation.phrase.replacingOccurrences(of: "\n", with: "⏎")
                lines.append("    \(DecimalText.string(observation.value))\(observation.unit.rawValue)  \(observation.qualifier.rawValue)  \(offsets)  “\(phrase)”")
            }
        }
        lines.append("共 \(count) 项未匹配指标，\(groups.count) 个主题 (unmatched figures, subjects)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: `{"unmatched": [{"subject", "count", "units", "figures": [{"value", "unit", "qualifier", "period",
    /// "text", "start", "end"}]}]}`, one group per line; ends with a newline.
    public func renderJSON() -> String {
        guard !groups.isEmpty else { return "{\"unmatched\": []}\n" }
        let lines = groups.map { group -> String in
            let figures = group.observations.map { observation -> String in
                let fields: [(String, String)] = [
                    ("value", observation.value.isNaN ? "null" : DecimalText.string(observation.value)),
                    ("unit", JSONText.quote(observation.unit.rawValue)),
                    ("qualifier", JSONText.quote(observation.qualifier.rawValue)),
                    ("period", observation.period.map(JSONText.quote) ?? "null"),
                    ("text", JSONText.quote(observation.phrase)),
                    ("start", observation.span.map { String($0.start) } ?? "null"),
                    ("end", observation.span.map { String($0.end) } ?? "null"),
                ]
                return "{" + fields.map { "\(JSONText.quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
            }
            let units = group.units.map { JSONText.quote($0.rawValue) }.joined(separator: ", ")
            return "    {\"subject\": \(JSONText.quote(group.subject)), \"count\": \(group.observations.count), "
                + "\"units\": [\(units)], \"figures\": [" + figures.joined(separator: ", ") + "]}"
        }
        return "{\n  \"unmatched\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
