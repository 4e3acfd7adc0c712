/// A small purpose-built parser for the header JSON written by ``HeaderJSONWriter`` (and by any client
/// that writes a plain header object). It handles the header's own keys in any order, whitespace,
/// `null` optionals and every JSON string escape. For anything unusual — unknown keys, duplicate keys,
/// numbers with fractions or exponents, missing keys, malformed input — it answers
/// ``Outcome/fallback`` and the caller uses `JSONDecoder`, which gives the authoritative answer or error.
enum HeaderJSONScanner {
    /// The scanner's verdict.
    enum Outcome {
        /// Parsed completely.
        case header(MessageHeader)
        /// A string contained invalid UTF-8.
        case invalidUTF8
        /// Not handled here; use `JSONDecoder`.
        case fallback
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// Validates and copies UTF-8 bytes into a `String`.
    static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        JSONStringLiteral.text(bytes)
    }

    /// Scans `buffer` as a header object.
    static func scan(_ buffer: UnsafeRawBufferPointer) -> Outcome {
        var cursor = Cursor(buffer: buffer)
        return cursor.header()
    }

    private struct Cursor {
        let buffer: UnsafeRawBufferPointer
        var index = 0

        init(buffer: UnsafeRawBufferPointer) {
            self.buffer = buffer
        }

        enum Failure: Error {
            case fallback
            case invalidUTF8
        }

        mutating func header() -> Outcome {
            do {
                return .header(try parseHeader())
            } catch .invalidUTF8 {
                return .invalidUTF8
            } catch {
                return .fallback
            }
        }

        mutating func skipWhitespace() {
            while index < buffer.count {
                switch buffer[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == byte else { throw .fallback }
            index += 1
        }

        mutating func parseHeader() throws(Failure) -> MessageHeader {
            var version: ProtocolVersion?
            var type: String?
            var id: String?
            var source: String?
            var sequence: UInt64?
            var sawSequence = false
            var timestamp: Int64?
            var correlation: String?
            var sawCorrelation = false

            try expect(UInt8(ascii: "{"))
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
                throw .fallback
            }
            while true {
                skipWhitespace()
                let key = try parseKey()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                switch key {
                case .version:
                    guard version == nil else { throw .fallback }
                    version = try parseVersion()
                case .type:
                    guard type == nil else { throw .fallback }
                    type = try parseString()
                case .id:
                    guard id == nil else { throw .fallback }
                    id = try parseString()
                case .source:
                    guard source == nil else { throw .fallback }
                    source = try parseString()
                case .sequence:
                    guard !sawSequence else { throw .fallback }
                    sawSequence = true
                    sequence = try parseNull() ? nil : try parseUnsigned()
                case .timestamp:
                    guard timestamp == nil else { throw .fallback }
                    timestamp = try parseSigned()
                case .correlation:
                    guard !sawCorrelation else { throw .fallback }
                    sawCorrelation = true
                    correlation = try parseNull() ? nil : try parseString()
                }
                skipWhitespace()
                guard index < buffer.count else { throw .fallback }
                let separator = buffer[index]
                index += 1
                if separator == UInt8(ascii: "}") { break }
                guard separator == UInt8(ascii: ",") else { throw .fallback }
            }
            skipWhitespace()
            guard index == buffer.count,
                  let version, let type, let id, let source, let timestamp
            else { throw .fallback }
            return MessageHeader(
                version: version, type: MessageType(type), id: id, source: source, sequence: sequence,
                timestamp: timestamp, correlation: correlation)
        }

        /// Reads a `"major.minor"` version string directly from the bytes.
        mutating func parseVersion() throws(Failure) -> ProtocolVersion {
            guard index < buffer.count, buffer[index] == HeaderJSONScanner.quote else { throw .fallback }
            index += 1
            let major = try parseDigits()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ".") else { throw .fallback }
            index += 1
            let minor = try parseDigits()
            guard index < buffer.count, buffer[index] == HeaderJSONScanner.quote,
                  major <= UInt64(Int.max), minor <= UInt64(Int.max)
            else { throw .fallback }
            index += 1
            return ProtocolVersion(major: Int(major), minor: Int(minor))
        }

        /// Reads an object key; only the header's own keys written without escapes are handled.
        mutating func parseKey() throws(Failure) -> MessageHeader.CodingKeys {
            guard index < buffer.count, buffer[index] == HeaderJSONScanner.quote else { throw .fallback }
            let start = index + 1
            var end = start
            while end < buffer.count, buffer[end] != HeaderJSONScanner.quote {
                if buffer[end] == HeaderJSONScanner.backslash { throw .fallback }
                end += 1
            }
            guard end < buffer.count else { throw .fallback }
            index = end + 1
            let key = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            switch key.count {
            case 2 where key.elementsEqual("id".utf8): return .id
            case 4 where key.elementsEqual("type".utf8): return .type
            case 6 where key.elementsEqual("source".utf8): return .source
            case 7 where key.elementsEqual("version".utf8): return .version
            case 8 where key.elementsEqual("sequence".utf8): return .sequence
            case 9 where key.elementsEqual("timestamp".utf8): return .timestamp
            case 11 where key.elementsEqual("correlation".utf8): return .correlation
            default: throw .fallback
            }
        }

        /// Consumes `null` if present.
        mutating func parseNull() throws(Failure) -> Bool {
            guard index < buffer.count, buffer[index] == UInt8(ascii: "n") else { return false }
            guard index + 4 <= buffer.count,
                  UnsafeRawBufferPointer(rebasing: buffer[index..<(index + 4)]).elementsEqual("null".utf8)
            else { throw .fallback }
            index += 4
            return true
        }

        /// Reads a JSON string (the opening quote at `index`), decoding escapes and validating UTF-8.
        mutating func parseString() throws(Failure) -> String {
            do {
                let (text, end) = try JSONStringLiteral.read(buffer, openingQuoteAt: index)
                index = end
                return text
            } catch .invalidUTF8 {
                throw .invalidUTF8
            } catch {
                throw .fallback
            }
        }

        /// Reads one or more decimal digits (no JSON number rules: `"01.10"` style version parts).
        mutating func parseDigits() throws(Failure) -> UInt64 {
            let start = index
            var value: UInt64 = 0
            while index < buffer.count, buffer[index] >= 0x30, buffer[index] <= 0x39, index - start < 18 {
                value = value * 10 + UInt64(buffer[index] - 0x30)
                index += 1
            }
            guard index > start else { throw .fallback }
            return value
        }

        /// Reads the digits of a JSON integer (no sign, fraction or exponent) into a magnitude.
        mutating func parseMagnitude() throws(Failure) -> UInt64 {
            let start = index
            var value: UInt64 = 0
            while index < buffer.count {
                let byte = buffer[index]
                guard byte >= 0x30, byte <= 0x39 else { break }
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
                guard !overflow1, !overflow2 else { throw .fallback }
                value = sum
                index += 1
            }
            let length = index - start
            guard length > 0, !(length > 1 && buffer[start] == 0x30) else { throw .fallback }
            if index < buffer.count {
                switch buffer[index] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw .fallback
                default: break
                }
            }
            return value
        }

        mutating func parseUnsigned() throws(Failure) -> UInt64 {
            try parseMagnitude()
        }

        mutating func parseSigned() throws(Failure) -> Int64 {
            var negative = false
            if index < buffer.count, buffer[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let magnitude = try parseMagnitude()
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { throw .fallback }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { throw .fallback }
            return Int64(magnitude)
        }
    }
}
