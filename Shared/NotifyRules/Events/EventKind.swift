/// The kinds of stream message a rule can look at, each with its own fields (see ``EventField``).
public enum EventKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// `metric.update` on the metrics stream (topic `metric.<indicator>`).
    case metric
    /// `score.update` on the scoring stream (topic `score.<kind>.<id>.<scheme>`).
    case score
    /// `grade.changed` on the scoring stream (topic `grade.changed.<kind>.<id>`).
    case grade
    /// `hightech.changed` on the scoring stream (topic `hightech.changed.<credit code>`).
    case highTech
    /// Any other message (only the common fields).
    case other

    /// The kind of message published on `topic` (by its leading segments).
    public static func of(topic: String) -> EventKind {
        if topic == "metric" || topic.hasPrefix("metric.") { return .metric }
        if topic == "score" || topic.hasPrefix("score.") { return .score }
        if topic == "grade.changed" || topic.hasPrefix("grade.changed.") { return .grade }
        if topic == "hightech.changed" || topic.hasPrefix("hightech.changed.") { return .highTech }
        return .other
    }

    /// The topic prefix every message of this kind starts with (empty for ``other``).
    public var topicPrefix: String {
        switch self {
        case .metric: "metric"
        case .score: "score"
        case .grade: "grade.changed"
        case .highTech: "hightech.changed"
        case .other: ""
        }
    }

    /// The fields a rule on this kind may use in `where`, labels and templates (the common fields included).
    public var fields: Set<String> {
        let specific: [String] = switch self {
        case .metric:
            ["indicator", "indicator_name", "program", "period", "scope", "town", "source", "value", "previous",
             "unit", "change", "change_percent", "target_percent", "quality", "qualifier", "document", "phrase"]
        case .score:
            ["subject_kind", "subject", "name", "town", "period", "scheme", "points", "previous_points",
             "points_change", "grade", "grade_name", "rank", "cohort_size", "cohort", "stage"]
        case .grade:
            ["subject_kind", "subject", "name", "scheme", "grade", "grade_name", "previous_grade",
             "previous_grade_name", "points"]
        case .highTech:
            ["subject", "credit_code", "name", "eligibility", "eligibility_name", "previous_eligibility",
             "previous_eligibility_name", "tier", "tier_name", "previous_tier", "previous_tier_name"]
        case .other:
            []
        }
        return Set(specific).union(EventKind.commonFields)
    }

    /// Fields every message has: `stream`, `sequence`, `topic`, `type`, and the firing rule's `rule` and `rule_name`.
    public static let commonFields: Set<String> = ["stream", "sequence", "topic", "type", "rule", "rule_name"]
}
