import Contracts
import Foundation
import Scoring
import YAMLReading
import Yams

/// Loads and validates a notification rules file (YAML): every problem is reported with file, line and reason,
/// templates and matchers are checked here, so nothing fails later at send time. See `docs/notify.md`.
public enum RulesLoader {
    /// Topic families the notify service follows (metrics and scoring streams).
    public static let followedFamilies = ["metric", "score", "grade.changed", "hightech"]

    /// Loads the file at `path`.
    /// - Throws: ``RuleErrors`` (an unreadable file is one error at line 1).
    public static func load(path: String) throws(RuleErrors) -> RulesFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RuleErrors([RuleError(file: path, line: 1, location: "", reason: "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses `yaml`, naming `file` in errors.
    /// - Throws: ``RuleErrors`` with every problem found.
    public static func parse(yaml: String, file: String) throws(RuleErrors) -> RulesFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw RuleErrors([syntaxError(error, file: file)])
        }
        guard let root else {
            throw RuleErrors([RuleError(file: file, line: 1, location: "", reason: "the file is empty")])
        }
        var reader = RuleNodeReader(file: file)
        let result = read(root, &reader)
        guard reader.errors.isEmpty, let result else {
            throw RuleErrors(reader.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return result
    }

    private static func syntaxError(_ error: any Error, file: String) -> RuleError {
        guard let yamlError = error as? YamlError else {
            return RuleError(file: file, line: 1, location: "", reason: "YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return RuleError(file: file, line: mark.line, column: mark.column, location: "", reason: "YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleError(
                file: file, line: context.mark.line, column: context.mark.column, location: "",
                reason: "duplicate key \(duplicates.sorted().joined(separator: ", "))")
        default:
            return RuleError(file: file, line: 1, location: "", reason: "YAML: \(yamlError)")
        }
    }

    // MARK: Top level

    private static func read(_ root: Node, _ reader: inout RuleNodeReader) -> RulesFile? {
        guard let top = reader.mapping(root, "", allowed: ["grade_order", "receivers", "route", "rules"]) else {
            return nil
        }
        var gradeOrder = RulesFile.defaultGradeOrder
        if let node = top["grade_order"], let order = reader.texts(node, "grade_order") { gradeOrder = order }
        var receivers: [String: ReceiverDefinition] = [:]
        if let node = reader.required(top, "receivers"), let items = reader.sequence(node, "receivers") {
            for (index, item) in items.enumerated() {
                guard let receiver = readReceiver(item, "receivers[\(index)]", &reader) else { continue }
                if receivers[receiver.name] != nil {
                    reader.report("receiver \"\(receiver.name)\" is defined twice", at: item, "receivers[\(index)].name")
                }
                receivers[receiver.name] = receiver
            }
        }
        var route: RouteNode?
        if let node = reader.required(top, "route") {
            route = readRoute(node, "route", id: "root", parent: nil, receivers: receivers, &reader)
        }
        var rules: [NotifyRule] = []
        if let node = reader.required(top, "rules"), let items = reader.sequence(node, "rules") {
            var seen: Set<String> = []
            for (index, item) in items.enumerated() {
                if case .mapping(let mapping) = item, let id = mapping["id"]?.scalar?.string, !seen.insert(id).inserted {
                    reader.report("rule id \"\(id)\" is used twice", at: mapping["id"], "rules[\(index)].id")
                }
                guard let rule = readRule(item, "rules[\(index)]", &reader) else { continue }
                rules.append(rule)
            }
        }
        guard let route else { return nil }
        return RulesFile(rules: rules, receivers: receivers, route: route, gradeOrder: gradeOrder)
    }

    // MARK: Receivers

    private static let receiverFields = [
        "name", "type", "path", "url", "url_file", "url_env", "secret", "secret_file", "secret_env", "timeout",
        "max_attempts",
    ]

    private static func readReceiver(
        _ node: Node, _ location: String, _ reader: inout RuleNodeReader
    ) -> ReceiverDefinition? {
        guard let mapping = reader.mapping(node, location, allowed: receiverFields) else { return nil }
        let name = reader.required(mapping, "name").flatMap { reader.id($0, mapping.location(of: "name")) }
        let type = reader.required(mapping, "type").flatMap { reader.text($0, mapping.location(of: "type")) }
        var timeout = Duration.seconds(5)
        if let node = mapping["timeout"], let value = reader.duration(node, mapping.location(of: "timeout")) {
            if value <= .zero {
                reader.report("must be positive", at: node, mapping.location(of: "timeout"))
            }
            timeout = value
        }
        var attempts = 5
        if let node = mapping["max_attempts"],
           let value = reader.integer(node, mapping.location(of: "max_attempts"), minimum: 1) {
            attempts = value
        }
        func source(_ prefix: String, inlineAllowed: Bool, required: Bool) -> SecretSource? {
            var found: [SecretSource] = []
            if inlineAllowed, let node = mapping[prefix],
               let value = reader.nonEmptyText(node, mapping.location(of: prefix)) { found.append(.inline(value)) }
            if let node = mapping["\(prefix)_file"],
               let value = reader.nonEmptyText(node, mapping.location(of: "\(prefix)_file")) { found.append(.file(value)) }
            if let node = mapping["\(prefix)_env"],
               let value = reader.nonEmptyText(node, mapping.location(of: "\(prefix)_env")) { found.append(.environment(value)) }
            if found.count > 1 {
                reader.report("give only one of \(prefix), \(prefix)_file, \(prefix)_env", at: mapping.node, location)
            }
            if found.isEmpty, required {
                reader.report(
                    "missing \(inlineAllowed ? "\(prefix), " : "")\(prefix)_file or \(prefix)_env", at: mapping.node, location)
            }
            return found.first
        }
        if mapping["secret"] != nil {
            reader.report("a signing secret must come from secret_file or secret_env, not the rules file", at: mapping.node, location)
        }
        guard let name, let type else { return nil }
        let kind: ReceiverDefinition.Kind
        switch type {
        case "file":
            for field in ["url", "url_file", "url_env", "secret_file", "secret_env"] where mapping[field] != nil {
                reader.report("\"\(field)\" does not apply to a file receiver", at: mapping[field], mapping.location(of: field))
            }
            guard let node = reader.required(mapping, "path"),
                  let path = reader.nonEmptyText(node, mapping.location(of: "path")) else { return nil }
            kind = .file(path: path)
        case "webhook", "dingtalk", "wecom":
            if let node = mapping["path"] {
                reader.report("\"path\" applies only to a file receiver", at: node, mapping.location(of: "path"))
            }
            guard let url = source("url", inlineAllowed: true, required: true) else { return nil }
            if case .inline(let text) = url, URL(string: text)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                reader.report("\"\(text)\" is not an http:// or https:// URL", at: mapping["url"], mapping.location(of: "url"))
            }
            let secret = source("secret", inlineAllowed: false, required: false)
            if secret != nil, type != "dingtalk" {
                reader.report("a signing secret applies only to a dingtalk receiver", at: mapping.node, location)
            }
            switch type {
            case "webhook": kind = .webhook(url: url)
            case "dingtalk": kind = .dingTalk(url: url, secret: secret)
            default: kind = .weCom(url: url)
            }
        default:
            reader.report("unknown receiver type \"\(type)\" (file, webhook, dingtalk, wecom)", at: mapping["type"], mapping.location(of: "type"))
            return nil
        }
        return ReceiverDefinition(name: name, kind: kind, timeout: timeout, maxAttempts: attempts)
    }

    // MARK: Routes

    private static let routeFields = [
        "match", "receiver", "receivers", "group_by", "group_wait", "group_interval", "repeat_interval", "continue", "routes",
    ]

    private static func readRoute(
        _ node: Node, _ location: String, id: String, parent: RouteNode?, receivers: [String: ReceiverDefinition],
        _ reader: inout RuleNodeReader
    ) -> RouteNode? {
        guard let mapping = reader.mapping(node, location, allowed: routeFields) else { return nil }
        var route = RouteNode(id: id, receivers: parent?.receivers ?? [])
        if let parent {
            route.groupBy = parent.groupBy
            route.groupWait = parent.groupWait
            route.groupInterval = parent.groupInterval
            route.repeatInterval = parent.repeatInterval
        }
        if let node = mapping["match"] {
            if parent == nil { reader.report("the root route takes everything; \"match\" belongs to child routes", at: node, mapping.location(of: "match")) }
            route.matchers = readMatchers(node, mapping.location(of: "match"), &reader)
        }
        if mapping["receiver"] != nil, mapping["receivers"] != nil {
            reader.report("give receiver or receivers, not both", at: mapping.node, location)
        }
        if let node = mapping["receiver"], let name = reader.nonEmptyText(node, mapping.location(of: "receiver")) {
            route.receivers = [name]
        }
        if let node = mapping["receivers"], let names = reader.texts(node, mapping.location(of: "receivers")) {
            route.receivers = names
        }
        for name in route.receivers where receivers[name] == nil {
            reader.report(
                "unknown receiver \"\(name)\" (defined: \(receivers.keys.sorted().joined(separator: ", ")))",
                at: mapping["receiver"] ?? mapping["receivers"] ?? mapping.node, location)
        }
        if parent == nil, route.receivers.isEmpty {
            reader.report("the root route needs a receiver (where everything else goes)", at: mapping.node, location)
        }
        if let node = mapping["group_by"], let labels = reader.texts(node, mapping.location(of: "group_by")) {
            route.groupBy = labels
        }
        if let node = mapping["group_wait"], let value = reader.duration(node, mapping.location(of: "group_wait")) {
            route.groupWait = value
        }
        if let node = mapping["group_interval"], let value = reader.duration(node, mapping.location(of: "group_interval")) {
            route.groupInterval = value
        }
        if let node = mapping["repeat_interval"], let value = reader.duration(node, mapping.location(of: "repeat_interval")) {
            route.repeatInterval = value
        }
        if let node = mapping["continue"], let value = reader.bool(node, mapping.location(of: "continue")) {
            if parent == nil { reader.report("\"continue\" belongs to child routes", at: node, mapping.location(of: "continue")) }
            route.continueMatching = value
        }
        if let node = mapping["routes"], let items = reader.sequence(node, mapping.location(of: "routes")) {
            for (index, item) in items.enumerated() {
                if let child = readRoute(
                    item, "\(mapping.location(of: "routes"))[\(index)]", id: "\(id).\(index)", parent: route,
                    receivers: receivers, &reader) {
                    route.routes.append(child)
                }
            }
        }
        return route
    }

    /// Matchers written as a mapping (`{severity: critical}`: equality) or a list of `name=value` texts.
    private static func readMatchers(_ node: Node, _ location: String, _ reader: inout RuleNodeReader) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        if case .mapping = node {
            guard let mapping = reader.mapping(node, location, allowed: nil) else { return [] }
            for entry in mapping.entries {
                guard let value = reader.text(entry.value, mapping.location(of: entry.key)) else { continue }
                do {
                    matchers.append(try LabelMatcher(name: entry.key, operation: .equal, value: value))
                } catch {
                    reader.report(error.description, at: entry.value, mapping.location(of: entry.key))
                }
            }
            return matchers
        }
        guard let items = reader.sequence(node, location) else { return [] }
        for (index, item) in items.enumerated() {
            guard let text = reader.text(item, "\(location)[\(index)]") else { continue }
            do {
                matchers.append(try LabelMatcher(parsing: text))
            } catch {
                reader.report(error.description, at: item, "\(location)[\(index)]")
            }
        }
        return matchers
    }

    // MARK: Rules

    private static let ruleFields = ["id", "name", "topic", "where", "when", "labels", "message"]

    private static let conditionKeys = [
        "crosses_above", "crosses_below", "crosses", "target_percent", "change_above", "change_percent_above",
        "quality", "grade", "hightech_eligible", "tier", "points_move_above", "any",
    ]

    private static func readRule(_ node: Node, _ location: String, _ reader: inout RuleNodeReader) -> NotifyRule? {
        guard let mapping = reader.mapping(node, location, allowed: ruleFields) else { return nil }
        let id = reader.required(mapping, "id").flatMap { reader.id($0, mapping.location(of: "id")) }
        let location = id.map { "rules[\($0)]" } ?? location
        let name = mapping["name"].flatMap { reader.nonEmptyText($0, "\(location).name") } ?? id ?? ""
        let condition = reader.required(mapping, "when").flatMap { readCondition($0, "\(location).when", &reader) }
        var topic = mapping["topic"].flatMap { reader.nonEmptyText($0, "\(location).topic") }
        if let condition {
            if let kind = condition.eventKind {
                if let given = topic {
                    if EventKind.of(topic: given) != kind {
                        reader.report(
                            "this condition reads \(kind.rawValue) messages, whose topics start with \"\(kind.topicPrefix)\"; got \"\(given)\"",
                            at: mapping["topic"], "\(location).topic")
                    }
                } else {
                    topic = kind.topicPrefix
                }
            } else if topic == nil {
                reader.report("a rule with \"any\" needs a topic (e.g. metric.loan or grade.changed)", at: mapping.node, location)
            }
        }
        if let given = topic, !followedFamilies.contains(where: { given == $0 || given.hasPrefix($0 + ".") }) {
            reader.report(
                "notify follows the metrics and scoring streams: a topic starts with \(followedFamilies.joined(separator: ", ")); got \"\(given)\"",
                at: mapping["topic"], "\(location).topic")
        }
        let kind = condition?.eventKind ?? EventKind.of(topic: topic ?? "")
        let fields = kind.fields
        var filter: [String: String] = [:]
        if let node = mapping["where"], let whereMapping = reader.mapping(node, "\(location).where", allowed: nil) {
            for entry in whereMapping.entries {
                if !fields.contains(entry.key) || entry.key == "rule" || entry.key == "rule_name" {
                    reader.report(
                        "unknown field \"\(entry.key)\" for \(kind.rawValue) messages (fields: \(fields.subtracting(["rule", "rule_name"]).sorted().joined(separator: ", ")))",
                        at: entry.keyNode, whereMapping.location(of: entry.key))
                    continue
                }
                if let value = reader.text(entry.value, whereMapping.location(of: entry.key)) { filter[entry.key] = value }
            }
        }
        var labels: [String: MessageTemplate] = [:]
        if let node = mapping["labels"], let labelMapping = reader.mapping(node, "\(location).labels", allowed: nil) {
            for entry in labelMapping.entries {
                guard let text = reader.text(entry.value, labelMapping.location(of: entry.key)) else { continue }
                do {
                    let template = try MessageTemplate(text, fields: fields)
                    if template.usesLabels {
                        reader.report("a label value cannot use other labels", at: entry.value, labelMapping.location(of: entry.key))
                    }
                    labels[entry.key] = template
                } catch {
                    reader.report(error.description, at: entry.value, labelMapping.location(of: entry.key))
                }
            }
        }
        var message: MessageTemplate?
        if let node = reader.required(mapping, "message"), let text = reader.nonEmptyText(node, "\(location).message") {
            do {
                message = try MessageTemplate(text, fields: fields)
            } catch {
                reader.report(error.description, at: node, "\(location).message")
            }
        }
        guard let id, let condition, let topic, let message else { return nil }
        return NotifyRule(
            id: id, name: name, topic: topic, fieldFilter: filter, condition: condition, labels: labels, message: message)
    }

    private static func readCondition(_ node: Node, _ location: String, _ reader: inout RuleNodeReader) -> RuleCondition? {
        guard let mapping = reader.mapping(node, location, allowed: conditionKeys + ["quality_kind", "tier_to"]) else {
            return nil
        }
        let keys = mapping.entries.map(\.key).filter { conditionKeys.contains($0) }
        guard keys.count == 1, let key = keys.first, let value = mapping[key] else {
            reader.report(
                keys.isEmpty
                    ? "no condition (one of: \(conditionKeys.joined(separator: ", ")))"
                    : "one condition per rule; found \(keys.joined(separator: ", "))",
                at: mapping.node, location)
            return nil
        }
        let place = mapping.location(of: key)
        if mapping["quality_kind"] != nil, key != "quality" {
            reader.report("quality_kind goes with quality", at: mapping["quality_kind"], mapping.location(of: "quality_kind"))
        }
        if mapping["tier_to"] != nil, key != "tier" {
            reader.report("tier_to goes with tier", at: mapping["tier_to"], mapping.location(of: "tier_to"))
        }
        func choice(_ allowed: [String]) -> String? {
            guard let text = reader.text(value, place) else { return nil }
            guard allowed.contains(text) else {
                reader.report("expected one of \(allowed.joined(separator: ", ")); got \"\(text)\"", at: value, place)
                return nil
            }
            return text
        }
        switch key {
        case "crosses_above": return reader.decimal(value, place).map { .crosses(.up, threshold: $0) }
        case "crosses_below": return reader.decimal(value, place).map { .crosses(.down, threshold: $0) }
        case "crosses": return reader.decimal(value, place).map { .crosses(.any, threshold: $0) }
        case "target_percent": return reader.nonNegative(value, place, field: key).map { .targetReached(percent: $0) }
        case "change_above": return reader.nonNegative(value, place, field: key).map { .changesBy(amount: $0) }
        case "change_percent_above": return reader.nonNegative(value, place, field: key).map { .changesByPercent(percent: $0) }
        case "points_move_above": return reader.nonNegative(value, place, field: key).map { .pointsMove(amount: $0) }
        case "quality":
            guard let text = choice(["gained", "lost"]) else { return nil }
            var kind: DataQualityFlag.Kind?
            if let node = mapping["quality_kind"], let raw = reader.text(node, mapping.location(of: "quality_kind")) {
                kind = DataQualityFlag.Kind(rawValue: raw)
                if kind == nil {
                    reader.report(
                        "unknown data-quality flag \"\(raw)\" (\(DataQualityFlag.Kind.allCases.map(\.rawValue).joined(separator: ", ")))",
                        at: node, mapping.location(of: "quality_kind"))
                }
            }
            return .qualityFlag(gained: text == "gained", kind: kind)
        case "grade":
            return choice(["up", "down", "any"]).flatMap(RuleCondition.Direction.init(rawValue:)).map { .grade($0) }
        case "hightech_eligible":
            return choice(["gained", "lost"]).map { .highTechEligible(gained: $0 == "gained") }
        case "tier":
            guard choice(["changed"]) != nil else { return nil }
            var target: HighTechTier?
            if let node = mapping["tier_to"], let raw = reader.text(node, mapping.location(of: "tier_to")) {
                target = HighTechTier(rawValue: raw)
                if target == nil { reader.report("unknown tier \"\(raw)\" (A, B, C)", at: node, mapping.location(of: "tier_to")) }
            }
            return .tierChanged(to: target)
        default:
            guard reader.bool(value, place) == true else {
                reader.report("write any: true", at: value, place)
                return nil
            }
            return .any
        }
    }
}
