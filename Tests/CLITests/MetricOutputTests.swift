import Contracts
import Domain
import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

@Suite("Metric output")
struct MetricOutputTests {
    private func entry(_ sequence: UInt64, _ indicator: String, _ period: String, _ value: String,
                       _ unit: MeasureUnit, source: MetricSource = .computed) -> MetricSnapshot.Entry {
        let update = MetricUpdate(
            key: MetricKey(indicator: indicator, period: period, source: source), value: Decimal(string: value) ?? 0,
            unit: unit, previousValue: Decimal(string: "2.5"), qualifier: source == .reported ? .cumulative : nil,
            targetProgressPercent: Decimal(string: "57.604"),
            quality: [DataQualityFlag(kind: .reportedComputedMismatch, reported: 2.88, computed: 1.37, message: "报告值与计算值不一致")],
            ingestSequence: 42)
        return MetricSnapshot.Entry(sequence: sequence, update: update)
    }

    @Test func jsonLineKeepsExactDecimalsAndAllFields() throws {
        let formatter = MetricFormatter(catalog: try Catalog.bundled())
        let item = entry(7, "loan.granted_amount", "2024", "2.88", .yiYuan, source: .reported)
        let line = formatter.jsonLine(sequence: item.sequence, update: item.update, fromSnapshot: true)
        #expect(line.contains("\"value\":2.88,"))
        #expect(line.contains("\"previousValue\":2.5,"))
        #expect(line.contains("\"unit\":\"亿元\""))
        #expect(line.contains("\"quality\":[\"reported_computed_mismatch\"]"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["indicator"] as? String == "loan.granted_amount")
        #expect(object["source"] as? String == "reported")
        #expect(object["snapshot"] as? Bool == true)
        #expect(object["sequence"] as? Int == 7)
        #expect(object["ingestSequence"] as? Int == 42)
    }

    @Test func tableLineShowsChineseAndEnglishNames() throws {
        let catalog = try Catalog.bundled()
        let formatter = MetricFormatter(catalog: catalog)
        let item = entry(9, "loan.granted_count", "2024", "83", .jia)
        let line = formatter.line(sequence: item.sequence, update: item.update, fromSnapshot: false)
        let indicator = try #require(catalog.indicator(id: "loan.granted_count"))
        #expect(line.hasPrefix("#9  83家  "))
        #expect(line.contains(indicator.nameZh) && line.contains(indicator.nameEn))
        #expect(line.contains("目标 target 57.6%"))
        #expect(line.contains("⚠ 报告值与计算值不一致"))
        #expect(formatter.scopeName(.town("杨舍镇")) == "杨舍镇")
        #expect(formatter.scopeName(.program("tech_loan")) == catalog.program(id: "tech_loan")?.nameZh)
        #expect(formatter.scopeName(.scheme("innovation-points-2025")) == "方案 scheme innovation-points-2025")
        #expect(formatter.scopeName(.grade("A", scheme: "innovation-points-2025"))
                == "方案 scheme innovation-points-2025 格次 grade A")
    }

    @Test func metricsFiltersByPeriodAndProgram() throws {
        let catalog = try Catalog.bundled()
        let entries = [
            entry(3, "loan.granted_count", "2024", "19", .jia),
            entry(1, "fund.projects_passed", "2024", "27", .ge),
            entry(2, "loan.granted_count", "2023", "10", .jia),
            entry(4, "loan.granted_amount", "2024", "1.37", .yiYuan),
        ]
        let loans2024 = MetricsCommand.filter(entries, period: "2024", program: "tech_loan", catalog: catalog)
        #expect(loans2024.map(\.update.key.indicator) == ["loan.granted_amount", "loan.granted_count"])
        #expect(MetricsCommand.filter(entries, period: nil, program: nil, catalog: catalog).count == 4)
        #expect(MetricsCommand.filter(entries, period: "2023", program: nil, catalog: catalog).map(\.sequence) == [2])
        let table = MetricsCommand.table(loans2024, formatter: MetricFormatter(catalog: catalog))
        #expect(table.contains("指标 indicator"))
        #expect(table.contains("1.37"))
        // The right-aligned value column ends at the same display column in the header and in every row.
        let lines = table.split(separator: "\n").map(String.init)
        func end(of needle: String, in line: String) -> Int? {
            line.range(of: needle).map { TextTable.displayWidth(String(line[..<$0.upperBound])) }
        }
        let headerEnd = end(of: "数值 value", in: lines[0])
        #expect(headerEnd != nil)
        #expect(end(of: "  1.37", in: lines[2]) == headerEnd)
        #expect(end(of: "  19", in: lines[3]) == headerEnd)
    }

    @Test func progressBarAndSummary() {
        #expect(ProgressLine.bar(done: 0, total: 4, width: 8) == "[--------]")
        #expect(ProgressLine.bar(done: 2, total: 4, width: 8) == "[####----]")
        #expect(ProgressLine.bar(done: 4, total: 4, width: 8) == "[########]")
        let accepted = SubmitAccepted(
            documentID: "doc-1", contentHash: "h", kind: .filing, duplicate: false, firstSequence: 3, lastSequence: 9,
            counts: ["filings": 7], warnings: [])
        let rejected = SubmitRejected(
            code: .invalidFiling, message: "1 bad row",
            problems: [RejectionProblem(message: "must not be negative", line: 3, field: "rdExpense")])
        let text = FeedSummary.render([
            FeedOutcome(path: "a.csv", kind: .filing, result: .accepted(accepted)),
            FeedOutcome(path: "b.csv", kind: .filing, result: .rejected(rejected)),
            FeedOutcome(path: "c.bin", kind: nil, result: .failed("cannot tell the kind")),
        ], elapsedSeconds: 2)
        #expect(text.contains("接收 accepted 1, 重复 duplicate 0, 拒绝 rejected 1, 失败 failed 1"))
        #expect(text.contains("line 3, field rdExpense: must not be negative"))
        #expect(text.contains("3…9"))
        #expect(text.contains("1.5 documents/s"))
        #expect(FeedCommand.jsonLine(FeedOutcome(path: "b.csv", kind: .filing, result: .rejected(rejected)))
            .contains("\"code\":\"invalid_filing\""))
    }

    @Test func exampleConfigurationLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("compose/up.example.json").path
        let configuration = try UpConfiguration.load(path: path)
        #expect(configuration.endpoints?["ingest.req"] == "tcp://127.0.0.1:5701")
        #expect(configuration.restart?.maxRapidCrashes == 5)
        #expect(configuration.services?["metrics"]?.enabled == true)
        // Every tcp:// endpoint of the example has CURVE keys for the service that binds it.
        var endpoints: [EndpointName: String] = [:]
        for (name, url) in configuration.endpoints ?? [:] { endpoints[EndpointName(rawValue: name)] = url }
        for service in ServiceDefinition.all {
            try UpCommand.checkTCPSecurity(
                of: service, endpoints: endpoints, environment: configuration.services?[service.name]?.environment ?? [:])
        }
    }
}
