import Contracts
import Domain
import Foundation
import NotifyRules
import Scoring

/// Hand-made messages and rules files for the notify tests.
enum NotifyFixtures {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func metric(
        _ indicator: String = "loan.granted_amount", value: Decimal, previous: Decimal? = nil, progress: Decimal? = nil,
        quality: [DataQualityFlag.Kind] = [], period: String = "2024", scope: MetricScope = .county,
        source: MetricSource = .computed, sequence: UInt64 = 1
    ) -> NotifyEvent {
        let update = MetricUpdate(
            key: MetricKey(indicator: indicator, period: period, scope: scope, source: source), value: value,
            unit: .yiYuan, previousValue: previous, targetProgressPercent: progress,
            quality: quality.map { DataQualityFlag(kind: $0, reported: nil, computed: nil, message: "x") },
            ingestSequence: sequence)
        return NotifyEvent(stream: "metrics", sequence: sequence, topic: update.topic.description,
                           type: MetricUpdate.messageType.rawValue, content: .metric(update))
    }

    static func grade(_ previous: String?, _ current: String?, subject: String = "91330000AAAA", sequence: UInt64 = 1) -> NotifyEvent {
        func g(_ id: String?) -> ScoreGrade? { id.map { ScoreGrade(id: $0, nameZh: "\($0) 档", nameEn: $0) } }
        let change = GradeChanged(
            subjectKind: "enterprise", subjectID: subject, subjectName: "甲公司", schemeID: "innovation-points-2024",
            previous: g(previous), current: g(current), points: 80, ingestSequence: sequence)
        return NotifyEvent(stream: "scoring", sequence: sequence, topic: change.topic.description,
                           type: GradeChanged.messageType.rawValue, content: .grade(change))
    }

    static func highTech(
        _ previous: HighTechEligibility?, _ now: HighTechEligibility, tier previousTier: HighTechTier?, _ tier: HighTechTier,
        sequence: UInt64 = 1
    ) -> NotifyEvent {
        let change = HighTechChanged(
            creditCode: "91330000BBBB", enterpriseName: "乙公司", previousEligibility: previous, eligibility: now,
            previousTier: previousTier, tier: tier, ingestSequence: sequence)
        return NotifyEvent(stream: "scoring", sequence: sequence, topic: change.topic.description,
                           type: HighTechChanged.messageType.rawValue, content: .highTech(change))
    }

    static func score(points: Decimal, previous: Decimal?, town: String? = "城关镇", sequence: UInt64 = 1) -> NotifyEvent {
        let update = ScoreUpdate(
            subjectKind: "enterprise", subjectID: "91330000CCCC", subjectName: "丙公司", town: town, period: "2024",
            schemeID: "innovation-points-2024", schemeVersion: 1, points: points, categories: [], breakdown: [],
            negatives: [], vetoedBy: [], stage: nil, cohort: "all", grade: nil, rank: 1, cohortSize: 10,
            previousPoints: previous, ingestSequence: sequence)
        return NotifyEvent(stream: "scoring", sequence: sequence, topic: update.topic.description,
                           type: ScoreUpdate.messageType.rawValue, content: .score(update))
    }

    /// A rules file with one rule (`when` given as YAML flow) routed to one file receiver.
    static func file(
        when: String, topic: String? = nil, whereClause: String? = nil, labels: String = "{severity: info}",
        message: String = "{{rule_name}}", route: String = "receiver: outbox\n  group_wait: 0s"
    ) throws -> RulesFile {
        var rule = "  - id: r1\n    name: 测试规则\n    when: \(when)\n    labels: \(labels)\n    message: \"\(message)\"\n"
        if let topic { rule += "    topic: \(topic)\n" }
        if let whereClause { rule += "    where: \(whereClause)\n" }
        let yaml = """
            receivers:
              - {name: outbox, type: file, path: outbox.jsonl}
            route:
              \(route)
            rules:
            \(rule)
            """
        return try RulesLoader.parse(yaml: yaml, file: "test.yaml")
    }

    /// Whether the single rule of `when` fires on `event` (fresh engine).
    static func fires(_ when: String, _ event: NotifyEvent, topic: String? = nil, whereClause: String? = nil) throws -> Bool {
        let engine = NotifyEngine(rules: try file(when: when, topic: topic, whereClause: whereClause))
        return !engine.firings(for: event, now: start).isEmpty
    }
}
