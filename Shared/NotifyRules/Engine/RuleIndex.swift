/// Rules by topic prefix, so a message is checked only against the rules whose topic covers it: a lookup per
/// topic segment (`metric`, `metric.loan`, `metric.loan.granted_amount`) instead of a scan over every rule.
struct RuleIndex: Sendable {
    private var byTopic: [String: [Int]] = [:]

    init(rules: [NotifyRule]) {
        for (index, rule) in rules.enumerated() {
            byTopic[rule.topic, default: []].append(index)
        }
    }

    /// Indices (ascending: file order) of the rules whose topic is `topic` or one of its segment prefixes.
    func candidates(for topic: String) -> [Int] {
        var found: [Int] = []
        var utf8 = topic.utf8.startIndex
        let end = topic.utf8.endIndex
        while utf8 < end {
            if topic.utf8[utf8] == UInt8(ascii: ".") {
                if let rules = byTopic[String(topic[..<utf8])] { found += rules }
            }
            utf8 = topic.utf8.index(after: utf8)
        }
        if let rules = byTopic[topic] { found += rules }
        if let rules = byTopic[""] { found += rules }
        if found.count > 1 { found.sort() }
        return found
    }
}
