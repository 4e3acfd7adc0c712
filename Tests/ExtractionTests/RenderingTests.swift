import Domain
import Foundation
import Testing
@testable import Extraction

@Suite("JSON and table output")
struct RenderingTests {
    let extractor: ReportExtractor

    init() throws {
        extractor = ReportExtractor(catalog: try Catalog.bundled())
    }

    static let sample = "自成立以来，共过会项目27个，拟投资1.437\n\n亿元，预计撬动资金3.825亿元。\n两家国家级科\n技企业孵化器获评优秀。"

    @Test("JSON has exactly the documented fields, in order, with exact decimals")
    func json() throws {
        let result = extractor.extract(Self.sample, defaultPeriod: "2024")
        let json = ExtractionJSON.render(result)
        #expect(json.contains(#"{"value": 1.437, "unit": "亿元", "qualifier": "planned", "period": null, "#))
        #expect(json.contains(#""text": "拟投资1.437\n\n亿元""#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Array(object.keys) == ["observations"])
        let observations = try #require(object["observations"] as? [[String: Any]])
        #expect(observations.count == result.observations.count)
        let fields: Set = [
            "value", "unit", "qualifier", "period", "subject", "indicator", "text", "start", "end", "bound", "upper",
            "growth", "rank", "fraction",
        ]
        for (rendered, observation) in zip(observations, result.observations) {
            #expect(Set(rendered.keys) == fields)
            let span = try #require(observation.span)
            #expect(rendered["start"] as? Int == span.start)
            #expect(rendered["end"] as? Int == span.end)
            #expect(rendered["text"] as? String == observation.phrase)
            #expect(rendered["indicator"] as? String == observation.indicatorID)
        }
        // Key order is stable: value first, the offsets then the details last, on every line.
        for line in json.split(separator: "\n") where line.contains("\"value\"") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("{\"value\": "))
            #expect(line.range(of: #""start": \d+, "end": \d+, "bound": .*"fraction": (null|\{[^}]*\})\},?$"#, options: .regularExpression) != nil)
        }
        #expect(ExtractionJSON.render(ExtractionResult(observations: [])) == "{\"observations\": []}\n")
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func escaping() {
        #expect(ExtractionJSON.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(ExtractionJSON.quoted("“科技贷”") == "\"“科技贷”\"")
    }

    @Test("table columns line up with CJK characters two columns wide")
    func table() throws {
        #expect(ExtractionTable.displayWidth("走访企业") == 8)
        #expect(ExtractionTable.displayWidth("73.52%") == 6)
        #expect(ExtractionTable.displayWidth("（A类）") == 7)
        let result = extractor.extract(Self.sample, defaultPeriod: "2024")
        let lines = ExtractionTable.render(result).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("数值 value"))
        // Rows: header, rule, one per observation; the indicator column starts at the same display column.
        let rows = [lines[0]] + lines[2..<(2 + result.observations.count)]
        let columns = rows.map { row -> Int in
            let marker = row.contains("指标") ? "指标" : (row.contains("fund.") ? "fund." : "incubator.")
            guard let range = row.range(of: marker) else { return -1 }
            return ExtractionTable.displayWidth(String(row[..<range.lowerBound]))
        }
        #expect(Set(columns).count == 1, "\(columns)")
        #expect(lines.contains("共 4 项 (observations)"))
    }
}
