import Foundation
import JSONText
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Formats one log record as one line: timestamp (UTC, ms), level, service, logger label, message, metadata.
///
/// logfmt example: `ts=2026-11-29T11:41:54.123Z level=info service=ingest logger=ingest msg="document accepted" id=42`
/// Values containing spaces, `=`, quotes or control characters are quoted with JSON escaping; metadata keys are sorted.
public struct LogLineFormatter: Sendable {
    /// logfmt or JSON.
    public let format: LogFormat
    /// The service label written on every line, e.g. `ingest`.
    public let service: String

    /// Creates a formatter.
    public init(format: LogFormat, service: String) {
        self.format = format
        self.service = service
    }

    /// Formats a record.
    public func format(
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
                    parts.append("\(Self.logfmtKey(key))=\(Self.logfmtValue(Self.render(value)))")
                }
            }
            return parts.joined(separator: " ")
        case .json:
            let fields = keys.compactMap { key in metadata[key].map { JSONText.quote(key) + ":" + JSONText.quote(Self.render($0)) } }
            return "{\"ts\":\(JSONText.quote(ts)),\"level\":\(JSONText.quote(level.rawValue)),"
                + "\"service\":\(JSONText.quote(service)),\"logger\":\(JSONText.quote(label)),"
                + "\"msg\":\(JSONText.quote(message)),\"metadata\":{\(fields.joined(separator: ","))}}"
        }
    }

    /// Renders a metadata value as flat text (nested dictionaries and arrays in brackets).
    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case let .string(text): return text
        case let .stringConvertible(convertible): return convertible.description
        case let .array(values): return "[" + values.map(render).joined(separator: ",") + "]"
        case let .dictionary(dictionary):
            return "{" + dictionary.keys.sorted().compactMap { key in dictionary[key].map { "\(key)=\(render($0))" } }
                .joined(separator: ",") + "}"
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

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC.
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
