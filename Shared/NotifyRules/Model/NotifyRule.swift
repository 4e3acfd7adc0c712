/// One rule of the rules file: which messages (topic prefix and field values), when (a ``RuleCondition``), what
/// to say (``MessageTemplate``) and which labels the firing carries (for routing, grouping and silences).
public struct NotifyRule: Sendable, Hashable {
    /// Unique id (also the `rule` label).
    public var id: String
    /// A name for people (Chinese), the `rule_name` field and the notification title.
    public var name: String
    /// Topic prefix at segment boundaries: `metric.loan` matches `metric.loan` and `metric.loan.*`.
    public var topic: String
    /// Field values the message must have (`field: value`), checked after the topic.
    public var fieldFilter: [String: String]
    /// When it fires.
    public var condition: RuleCondition
    /// Label name → template of its value (a label may use the message's fields, e.g. `town: "{{town}}"`).
    public var labels: [String: MessageTemplate]
    /// The notification text.
    public var message: MessageTemplate

    /// Creates a rule.
    public init(
        id: String, name: String, topic: String, fieldFilter: [String: String] = [:], condition: RuleCondition,
        labels: [String: MessageTemplate] = [:], message: MessageTemplate
    ) {
        self.id = id
        self.name = name
        self.topic = topic
        self.fieldFilter = fieldFilter
        self.condition = condition
        self.labels = labels
        self.message = message
    }

    /// The message kind the rule reads (its condition's kind, else its topic's).
    public var eventKind: EventKind {
        condition.eventKind ?? EventKind.of(topic: topic)
    }

    /// Whether `topic` is the rule's topic or below it.
    public func covers(topic candidate: String) -> Bool {
        topic.isEmpty || candidate == topic || (candidate.hasPrefix(topic) && candidate.dropFirst(topic.count).first == ".")
    }

    /// The labels of a firing on `event`: the rendered rule labels plus `rule` (the id) and `severity` (default
    /// `info`) when not given.
    public func renderLabels(_ event: NotifyEvent) -> [String: String] {
        var rendered: [String: String] = ["rule": id]
        for (name, template) in labels {
            rendered[name] = template.render(event, extra: ["rule": id, "rule_name": self.name])
        }
        if rendered["severity"] == nil { rendered["severity"] = "info" }
        return rendered
    }
}
