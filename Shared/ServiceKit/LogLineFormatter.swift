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
    ///
    /// Written into one byte buffer: ingest logs a line per accepted document, and the version that joined an array
    /// of interpolated strings (and rebuilt each key character by character) cost ≈ 10 µs per line — a tenth of a
    /// small document's CPU (`kechuang-benchmarks logging`, docs/performance.md). `LogLineFormatterTests` compares
    /// every line with that version's output.
    public func format(
        timestamp: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        // Sorted pairs rather than sorted keys: no hash lookup per key.
        let entries = metadata.sorted { $0.key < $1.key }
        switch format {
        case .logfmt:
            out.append(contentsOf: "ts=".utf8)
            Self.appendTimestamp(timestamp, to: &out)
            out.append(contentsOf: " level=".utf8)
            out.append(contentsOf: level.rawValue.utf8)
            out.append(contentsOf: " service=".utf8)
            Self.appendLogfmtValue(service, to: &out)
            out.append(contentsOf: " logger=".utf8)
            Self.appendLogfmtValue(label, to: &out)
            out.append(contentsOf: " msg=".utf8)
            Self.appendLogfmtValue(message, to: &out)
            for (key, value) in entries {
                out.append(UInt8(ascii: " "))
                Self.appendLogfmtKey(key, to: &out)
                out.append(UInt8(ascii: "="))
                Self.appendLogfmtValue(Self.render(value), to: &out)
            }
        case .json:
            out.append(contentsOf: "{\"ts\":\"".utf8)
            Self.appendTimestamp(timestamp, to: &out)
            out.append(contentsOf: "\",\"level\":".utf8)
            JSONText.appendQuoted(level.rawValue, to: &out)
            out.append(contentsOf: ",\"service\":".utf8)
            JSONText.appendQuoted(service, to: &out)
            out.append(contentsOf: ",\"logger\":".utf8)
            JSONText.appendQuoted(label, to: &out)
            out.append(contentsOf: ",\"msg\":".utf8)
            JSONText.appendQuoted(message, to: &out)
            out.append(contentsOf: ",\"metadata\":{".utf8)
            var first = true
            for (key, value) in entries {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONText.appendQuoted(Self.render(value), to: &out)
            }
            out.append(contentsOf: "}}".utf8)
        }
        return String(decoding: out, as: UTF8.self)
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

    /// `key` with spaces, `=` and `"` (as whole characters) replaced by `_`; `_` for an empty key.
    static func appendLogfmtKey(_ key: String, to out: inout [UInt8]) {
        if key.isEmpty {
            out.append(UInt8(ascii: "_"))
        } else if key.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every key the code logs): one byte is one character.
            for byte in key.utf8 {
                out.append(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
                    ? UInt8(ascii: "_") : byte)
            }
        } else {
            // A space followed by a combining mark is one character, and not a space: compare characters.
            for character in key {
                if character == " " || character == "=" || character == "\"" {
                    out.append(UInt8(ascii: "_"))
                } else {
                    out.append(contentsOf: String(character).utf8)
                }
            }
        }
    }

    /// `value` as is, or as a JSON string when it is empty or holds a space, `=`, `"`, `\` or a control character.
    static func appendLogfmtValue(_ value: String, to out: inout [UInt8]) {
        // The bytes looked for are ASCII, which never occurs inside a longer UTF-8 sequence.
        let needsQuotes = value.isEmpty || value.utf8.contains { byte in
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "\\") || byte < 0x20
        }
        if needsQuotes {
            JSONText.appendQuoted(value, to: &out)
        } else {
            out.append(contentsOf: value.utf8)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC.
    static func appendTimestamp(_ date: Date, to out: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int32(((milliseconds % 1000) + 1000) % 1000)
        appendPadded(parts.tm_year + 1900, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(parts.tm_mon + 1, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(parts.tm_mday, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(parts.tm_hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(parts.tm_min, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(parts.tm_sec, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(millis, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// `value` in decimal, zeros in front up to `width` characters (a minus sign counts as one).
    private static func appendPadded(_ value: Int32, width: Int, to out: inout [UInt8]) {
        let text = String(value)
        for _ in 0..<max(0, width - text.utf8.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: text.utf8)
    }
}
