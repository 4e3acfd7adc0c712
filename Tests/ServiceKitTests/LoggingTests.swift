import Foundation
import Logging
import Testing
@testable import ServiceKit

@Suite struct LoggingTests {
    let instant = Date(timeIntervalSince1970: 1_732_880_514.123)

    @Test func logfmtLineHasTimestampLevelServiceMessageAndSortedMetadata() {
        let formatter = LogLineFormatter(format: .logfmt, service: "ingest")
        let line = formatter.format(
            timestamp: instant, level: .warning, label: "ingest.submit", message: "document rejected",
            metadata: ["reason": "bad row", "line": "3", "kind": "filing"])
        #expect(line == "ts=2024-11-29T11:41:54.123Z level=warning service=ingest logger=ingest.submit "
            + "msg=\"document rejected\" kind=filing line=3 reason=\"bad row\"")
    }

    @Test func logfmtQuotesAndEscapesAwkwardValuesAndKeepsChinese() {
        let formatter = LogLineFormatter(format: .logfmt, service: "metrics")
        let line = formatter.format(
            timestamp: instant, level: .info, label: "m", message: "科技贷 \"pool\"\nnext", metadata: ["empty": ""])
        #expect(line.hasSuffix("msg=\"科技贷 \\\"pool\\\"\\nnext\" empty=\"\""))
        #expect(!line.contains("\n"))
    }

    @Test func jsonLineIsValidJSON() throws {
        let formatter = LogLineFormatter(format: .json, service: "ingest")
        let line = formatter.format(
            timestamp: instant, level: .error, label: "ingest", message: "失败 \u{1}", metadata: ["count": .stringConvertible(3)])
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["level"] as? String == "error")
        #expect(object?["service"] as? String == "ingest")
        #expect(object?["msg"] as? String == "失败 \u{1}")
        #expect(object?["ts"] as? String == "2024-11-29T11:41:54.123Z")
        #expect((object?["metadata"] as? [String: Any])?["count"] as? String == "3")
    }

    @Test func handlerHonoursLevelAndMergesMetadata() {
        let sink = CollectingSink()
        var logger = LoggingBootstrap.makeLogger(label: "ingest", service: "ingest", level: .info, sink: sink)
        logger[metadataKey: "instance"] = "a"
        logger.debug("hidden")
        logger.info("shown", metadata: ["seq": "7"])
        #expect(sink.lines.count == 1)
        #expect(sink.lines.first?.contains("level=info service=ingest logger=ingest msg=shown instance=a seq=7") == true)
    }

    @Test func concurrentLoggingNeverInterleavesLines() async {
        let sink = CollectingSink()
        let logger = LoggingBootstrap.makeLogger(label: "x", service: "s", level: .trace, sink: sink)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<100 { logger.info("m", metadata: ["task": "\(task)", "i": "\(index)"]) }
                }
            }
        }
        #expect(sink.lines.count == 800)
        #expect(sink.lines.allSatisfy { $0.hasPrefix("ts=") && $0.contains("msg=m") })
    }
}
