import Foundation

/// The notification logic, pure: messages in (with the time, from an injected clock), firings grouped by route,
/// notifications out when their group is due. No I/O, no clock, no tasks — the service persists ``state`` with its
/// stream cursors and tests drive it with hand-made times.
///
/// ```swift
/// var engine = NotifyEngine(rules: file)
/// engine.evaluate(event, now: now)            // fire rules, drop silenced and repeated firings, fill groups
/// let due = engine.flush(now: now)            // groups whose wait or interval has passed → notifications
/// ```
public struct NotifyEngine: Sendable {
    /// The rules in force.
    public private(set) var rules: RulesFile
    /// What the engine remembers.
    public var state: NotifyEngineState
    private var index: RuleIndex
    private var gradeRank: [String: Int]
    private var routes: [String: RouteNode]

    /// An engine with `rules` and `state` (a fresh state by default).
    public init(rules: RulesFile, state: NotifyEngineState = NotifyEngineState()) {
        self.rules = rules
        self.state = state
        index = RuleIndex(rules: rules.rules)
        gradeRank = Self.ranks(rules.gradeOrder)
        routes = Dictionary(rules.route.allNodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Replaces the rules (SIGHUP), keeping the state: waiting groups are still sent to the receivers they were
    /// made for (those that still exist).
    public mutating func replaceRules(_ rules: RulesFile) {
        self.rules = rules
        index = RuleIndex(rules: rules.rules)
        gradeRank = Self.ranks(rules.gradeOrder)
        routes = Dictionary(rules.route.allNodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func ranks(_ order: [String]) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for (rank, grade) in order.enumerated() where ranks[grade] == nil { ranks[grade] = rank }
        return ranks
    }

    // MARK: Evaluating

    /// The outcome of one message.
    public struct Outcome: Sendable, Hashable {
        /// Firings that entered a group (one per route they went to).
        public var grouped: [Firing] = []
        /// Rule ids that fired but were silenced.
        public var silenced: [String] = []
        /// Rule ids that fired but were sent within the repeat interval.
        public var repeated: [String] = []
        /// Rule ids that fired (before silences and repeats).
        public var fired: [String] = []
    }

    /// The rules that fire on `event` (file order), with their rendered labels and message — no state change
    /// besides what the conditions read. Used by ``evaluate(_:now:)`` and by the benchmark.
    public func firings(for event: NotifyEvent, now: Date) -> [Firing] {
        let candidates = index.candidates(for: event.topic)
        guard !candidates.isEmpty else { return [] }
        var previousFlags: Set<String> = []
        if case .metric(let update) = event.content {
            previousFlags = Set(state.qualityFlags[update.key.description] ?? [])
        }
        var found: [Firing] = []
        for position in candidates {
            let rule = rules.rules[position]
            guard rule.eventKind == event.kind || rule.condition.eventKind == nil else { continue }
            guard rule.fieldFilter.allSatisfy({ event.field($0.key) == $0.value }) else { continue }
            guard rule.condition.holds(for: event, previousFlags: previousFlags, gradeRank: { gradeRank[$0] }) else {
                continue
            }
            let labels = rule.renderLabels(event)
            let message = rule.message.render(event, labels: labels, extra: ["rule": rule.id, "rule_name": rule.name])
            found.append(Firing(
                rule: rule.id, ruleName: rule.name, causes: [Firing.cause(stream: event.stream, sequence: event.sequence)],
                topic: event.topic, subject: event.subjectKey, labels: labels, message: message, firedAt: now))
        }
        return found
    }

    /// Evaluates one message at `now`: fires the rules, drops firings that an active silence covers or that were
    /// sent within their route's repeat interval, and adds the rest to their groups (sent by ``flush(now:)``).
    @discardableResult
    public mutating func evaluate(_ event: NotifyEvent, now: Date) -> Outcome {
        var outcome = Outcome()
        state.counters.evaluated += 1
        let fired = firings(for: event, now: now)
        if case .metric(let update) = event.content {
            let flags = Set(update.quality.map(\.kind.rawValue)).sorted()
            let key = update.key.description
            if flags.isEmpty {
                if state.qualityFlags[key] != nil { state.qualityFlags[key] = nil }
            } else if state.qualityFlags[key] != flags {
                state.qualityFlags[key] = flags
            }
        }
        for firing in fired {
            outcome.fired.append(firing.rule)
            state.counters.fired += 1
            if state.silences.contains(where: { $0.silences(firing.labels, at: now) }) {
                outcome.silenced.append(firing.rule)
                state.counters.silenced += 1
                continue
            }
            for node in rules.route.destinations(for: firing.labels) {
                let fingerprint = Self.fingerprint(route: node.id, firing: firing)
                if let until = state.repeatUntil[fingerprint], now < until {
                    outcome.repeated.append(firing.rule)
                    state.counters.repeatSuppressed += 1
                    continue
                }
                add(firing, to: node, now: now)
                outcome.grouped.append(firing)
            }
        }
        return outcome
    }

    private static func fingerprint(route: String, firing: Firing) -> String {
        "\(route)|\(firing.rule)|\(firing.subject)"
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    private mutating func add(_ firing: Firing, to node: RouteNode, now: Date) {
        let values = node.groupBy.map { "\($0)=\(firing.labels[$0] ?? "")" }
        let key = ([node.id] + values).joined(separator: "|")
        var group = state.groups[key] ?? NotifyEngineState.Group(
            route: node.id, receivers: node.receivers, groupWaitMilliseconds: Self.milliseconds(node.groupWait),
            groupIntervalMilliseconds: Self.milliseconds(node.groupInterval), pending: [], firstPendingAt: nil,
            lastSentAt: nil)
        if let same = group.pending.firstIndex(where: { $0.rule == firing.rule && $0.subject == firing.subject }) {
            var replacement = firing
            replacement.causes = group.pending[same].causes + firing.causes
            group.pending[same] = replacement
        } else {
            group.pending.append(firing)
        }
        if group.firstPendingAt == nil { group.firstPendingAt = now }
        state.groups[key] = group
    }

    // MARK: Sending

    /// The notifications of every group due at `now` (in group-key order), marking their firings sent (the repeat
    /// window starts) and forgetting idle groups and expired repeat windows and silences.
    public mutating func flush(now: Date) -> [NotificationRecord] {
        var made: [NotificationRecord] = []
        for key in state.groups.keys.sorted() {
            guard var group = state.groups[key] else { continue }
            if let due = group.dueAt, due <= now {
                let node = routes[group.route]
                let receivers = group.receivers.filter { rules.receivers[$0] != nil }
                let record = NotificationRecord(
                    route: group.route, group: key, receivers: receivers, firings: group.pending, createdAt: now)
                let repeatInterval = node?.repeatInterval ?? rules.route.repeatInterval
                for firing in group.pending {
                    state.repeatUntil[Self.fingerprint(route: group.route, firing: firing)] =
                        now.addingTimeInterval(Double(Self.milliseconds(repeatInterval)) / 1000)
                }
                group.pending = []
                group.firstPendingAt = nil
                group.lastSentAt = now
                state.groups[key] = group
                state.counters.notifications += 1
                if !receivers.isEmpty { made.append(record) }
            } else if group.pending.isEmpty, let last = group.lastSentAt,
                      last.addingTimeInterval(Double(group.groupIntervalMilliseconds) / 1000) <= now {
                state.groups[key] = nil
            }
        }
        state.repeatUntil = state.repeatUntil.filter { $0.value > now }
        state.silences.removeAll { $0.endsAt.addingTimeInterval(86400) <= now }
        return made
    }

    /// The earliest time a waiting group is due, or `nil` when none waits.
    public var nextDue: Date? {
        state.groups.values.compactMap(\.dueAt).min()
    }

    // MARK: Silences

    /// Adds a silence.
    public mutating func addSilence(_ silence: Silence) {
        state.silences.removeAll { $0.id == silence.id }
        state.silences.append(silence)
    }

    /// Ends silence `id` at `now`; `false` when there is no such silence.
    public mutating func expireSilence(id: String, now: Date) -> Bool {
        guard let position = state.silences.firstIndex(where: { $0.id == id }) else { return false }
        if state.silences[position].endsAt > now { state.silences[position].endsAt = now }
        return true
    }
}
