import Foundation
import NotifyRules
import Testing

/// Rules file parsing: every error with its line and reason; templates checked at load.
@Suite struct RulesLoaderTests {
    private func errors(_ yaml: String) -> [RuleError] {
        do {
            _ = try RulesLoader.parse(yaml: yaml, file: "bad.yaml")
            return []
        } catch {
            return error.errors
        }
    }

    private let header = """
        receivers:
          - {name: outbox, type: file, path: o.jsonl}
        route:
          receiver: outbox
        rules:

        """

    @Test func unknownTemplateFieldIsReportedAtItsLine() {
        let found = errors(header + """
              - id: r1
                when: {crosses_above: 1}
                message: "{{valu}} 超过阈值"
            """)
        #expect(found.count == 1)
        #expect(found.first?.line == 8)
        #expect(found.first?.location == "rules[r1].message")
        #expect(found.first?.reason.contains("unknown field \"valu\"") == true)
        #expect(found.first?.description.hasPrefix("bad.yaml:8:") == true)
    }

    @Test func severalProblemsAreAllReportedInLineOrder() {
        let found = errors(header + """
              - id: r1
                when: {crosses_above: abc}
                message: ok
              - id: r1
                when: {grade: sideways}
                message: "{{oops"
              - id: r3
                when: {crosses_above: 1, grade: up}
                message: ok
              - id: r4
                topic: score
                when: {crosses_above: 1}
                message: ok
            """)
        let reasons = found.map(\.reason)
        #expect(found.map(\.line) == found.map(\.line).sorted())
        #expect(reasons.contains { $0.contains("expected a number") })
        #expect(reasons.contains { $0.contains("used twice") })
        #expect(reasons.contains { $0.contains("expected one of up, down, any") })
        #expect(reasons.contains { $0.contains("without a closing") })
        #expect(reasons.contains { $0.contains("one condition per rule") })
        #expect(reasons.contains { $0.contains("reads metric messages") })
    }

    @Test func receiversAndRoutesAreChecked() {
        let found = errors("""
            receivers:
              - {name: hook, type: webhook, url: "ftp://x"}
              - {name: ding, type: dingtalk, url_env: U, secret: "plain"}
              - {name: odd, type: pager, url: "http://x"}
            route:
              receiver: nowhere
              group_wait: soon
            rules: []
            """)
        let reasons = found.map(\.reason)
        #expect(reasons.contains { $0.contains("not an http:// or https:// URL") })
        #expect(reasons.contains { $0.contains("secret_file or secret_env") })
        #expect(reasons.contains { $0.contains("unknown receiver type \"pager\"") })
        #expect(reasons.contains { $0.contains("unknown receiver \"nowhere\"") })
        #expect(reasons.contains { $0.contains("expected a duration") })
        #expect(found.first { $0.reason.contains("pager") }?.line == 4)
    }

    @Test func syntaxErrorsAndUnknownFieldsHaveLines() {
        let syntax = errors("rules: [\n  - x\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.reason.hasPrefix("YAML") == true)
        let unknown = errors(header + "  - {id: r1, when: {any: true}, topic: metric, message: m, colour: red}")
        #expect(unknown.first?.reason.contains("unknown field \"colour\"") == true)
        #expect(unknown.first?.line == 6)
        let foreign = errors(header + "  - {id: r1, when: {any: true}, topic: ingest.document, message: m}")
        #expect(foreign.first?.reason.contains("follows the metrics and scoring streams") == true)
        let badWhere = errors(header + "  - {id: r1, when: {grade: up}, where: {indicator: x}, message: m}")
        #expect(badWhere.first?.reason.contains("unknown field \"indicator\" for grade messages") == true)
    }

    @Test func theExampleRulesFileLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("compose/config/notify-rules.yaml").path
        let file = try RulesLoader.load(path: path)
        #expect(file.rules.count >= 5)
        #expect(file.receivers["outbox"] != nil)
    }

    @Test func templatesRenderFieldsAndLabels() throws {
        let template = try MessageTemplate("{{indicator}} 达到 {{target_percent}}%（{{labels.town}}）{{previous}}",
                                           fields: ["indicator", "target_percent", "previous"])
        let event = NotifyFixtures.metric(value: 9, progress: 90.456)
        #expect(template.render(event, labels: ["town": "甲镇"]) == "loan.granted_amount 达到 90.46%（甲镇）—")
        #expect(throws: MessageTemplate.Problem.emptyPlaceholder) { try MessageTemplate("{{ }}", fields: []) }
    }

    @Test func durationsParseAndPrint() {
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("0") == .zero)
        #expect(DurationText.parse("5") == nil)
        #expect(DurationText.parse("5x") == nil)
        #expect(DurationText.string(.seconds(5400)) == "1h30m")
        #expect(DurationText.string(.zero) == "0s")
    }

    @Test func matchersParse() throws {
        let matcher = try LabelMatcher(parsing: "severity!=info")
        #expect(matcher.operation == .notEqual)
        #expect(matcher.matches(["severity": "critical"]))
        #expect(try LabelMatcher(parsing: "town=~甲.*").matches(["town": "甲镇"]))
        #expect(throws: LabelMatcher.Problem.self) { try LabelMatcher(parsing: "nothing") }
        #expect(throws: LabelMatcher.Problem.self) { try LabelMatcher(parsing: "a=~(") }
    }
}
