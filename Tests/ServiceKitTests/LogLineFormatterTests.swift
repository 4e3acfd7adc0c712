import Foundation
import JSONText
import KechuangTestSupport
import Logging
import Testing
@testable import ServiceKit
#if canImport(Glibc)
import Glibc
#endif

/// `LogLineFormatter` writes into one byte buffer since 2026-12-02; every line must be the one the earlier,
/// string-joining formatter (kept below as the reference) wrote: random keys, values, messages and timestamps,
/// both formats, with the characters that need quoting, escaping or a character-level look.
@Suite struct LogLineFormatterTests {
    static let pieces = [
        "", " ", "=", "\"", "\\", "\n", "\t", "\r", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "a", "document",
        "doc-9e62f16fce64bb94", "张家港", "企业申报.csv", "é", "e\u{301}", " \u{301}", "=\u{301}", "\"\u{301}", "😀", "_", "-",
        "{", "}", "[", "]", ",", ":", "0", "324",
    ]

    static func text(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            .joined()
    }

    static func value(_ random: inout SeededRandom, depth: Int = 0) -> Logger.MetadataValue {
        switch Int.random(in: 0..<(depth < 2 ? 4 : 2), using: &random) {
        case 0: return .string(text(&random))
        case 1: return .stringConvertible(Int.random(in: -1_000...1_000_000, using: &random))
        case 2: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var dictionary: Logger.Metadata = [:]
            for _ in 0..<Int.random(in: 0...3, using: &random) { dictionary[text(&random)] = value(&random, depth: depth + 1) }
            return .dictionary(dictionary)
        }
    }

    @Test func everyLineIsTheReferenceFormattersLine() {
        var random = SeededRandom(seed: 2026_12_02)
        let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
        var compared = 0
        for round in 0..<4_000 {
            let format: LogFormat = round % 2 == 0 ? .logfmt : .json
            let service = round % 7 == 0 ? Self.text(&random) : "ingest"
            var metadata: Logger.Metadata = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) { metadata[Self.text(&random)] = Self.value(&random) }
            // 1900 to 2200, to the millisecond and beyond.
            let instant = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &random))
            let level = levels[Int.random(in: 0..<levels.count, using: &random)]
            let label = round % 5 == 0 ? Self.text(&random) : "ingest"
            let message = Self.text(&random)
            let line = LogLineFormatter(format: format, service: service)
                .format(timestamp: instant, level: level, label: label, message: message, metadata: metadata)
            let reference = ReferenceLogLineFormatter(format: format, service: service)
                .format(timestamp: instant, level: level, label: label, message: message, metadata: metadata)
            #expect(line == reference, "round \(round)")
            if line != reference { return }
            compared += 1
        }
        #expect(compared == 4_000)
    }

    @Test func aDocumentStoredLineReadsAsBefore() {
        let metadata: Logger.Metadata = [
            "document": "doc-9e62f16fce64bb94", "kind": "filing", "name": "张家港企业申报 2024.csv", "bytes": "50770",
            "counts": .dictionary(["filings": .stringConvertible(300), "enterprises": .stringConvertible(300)]),
        ]
        let line = LogLineFormatter(format: .logfmt, service: "ingest").format(
            timestamp: Date(timeIntervalSince1970: 1_764_633_600.0405), level: .info, label: "ingest",
            message: "document stored", metadata: metadata)
        #expect(line == "ts=2025-12-02T00:00:00.040Z level=info service=ingest logger=ingest msg=\"document stored\" "
            + "bytes=50770 counts=\"{enterprises=300,filings=300}\" document=doc-9e62f16fce64bb94 kind=filing "
            + "name=\"张家港企业申报 2024.csv\"")
    }
}

/// The formatter as it was before the byte buffer (2026-12-01), unchanged but for its name and doc comments.
private struct ReferenceLogLineFormatter: Sendable {
    let format: LogFormat
    let service: String

    init(format: LogFormat, service: String) {
        self.format = format
        self.service = service
    }

    func format(
        timestamp: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        let ts = Self.timestamp(timestamp)
        let keys = metadata.keys.sorted()
        switch format {
        case .logfmt:
            var parts = ["ts=\(ts)", "level=\(level.rawValue)", "service=\(Self.logfmtValue(service))",
                         "logger=\(Self.logfmtValue(label))", "msg=\(Self.logfmtValue(message))"]
            for key in keys {
                if let value = metadata[key] {
                    parts.append("\(Self.logfmtKey(key))=\(Self.logfmtValue(LogLineFormatter.render(value)))")
                }
            }
            return parts.joined(separator: " ")
        case .json:
            let fields = keys.compactMap { key in metadata[key].map { JSONText.quote(key) + ":" + JSONText.quote(LogLineFormatter.render($0)) } }
            return "{\"ts\":\(JSONText.quote(ts)),\"level\":\(JSONText.quote(level.rawValue)),"
                + "\"service\":\(JSONText.quote(service)),\"logger\":\(JSONText.quote(label)),"
                + "\"msg\":\(JSONText.quote(message)),\"metadata\":{\(fields.joined(separator: ","))}}"
        }
    }

    static func logfmtKey(_ key: String) -> String {
        let cleaned = key.map { $0 == " " || $0 == "=" || $0 == "\"" ? "_" : String($0) }.joined()
        return cleaned.isEmpty ? "_" : cleaned
    }

    static func logfmtValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 }
        return needsQuotes ? JSONText.quote(value) : value
    }

    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let millis = Int32(((milliseconds % 1000) + 1000) % 1000)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(millis, 3))Z"
    }
}
