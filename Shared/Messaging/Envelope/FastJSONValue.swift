/// One parsed JSON value, the tree ``FastJSONDecoder`` decodes from.
///
/// Numbers keep their text (decoded per requested type, exactly as written); objects keep their members in document
/// order. ``parse(_:)`` accepts only strict RFC 8259 JSON and answers `nil` for anything else — invalid syntax,
/// invalid UTF-8, lone surrogate escapes, duplicate member names, nesting deeper than 512 — so that the caller falls
/// back to Foundation's `JSONDecoder`, whose answer (value or error) is then the one given.
///
/// Not `indirect`: the arrays of the two container cases already hold their elements out of line, and an `indirect`
/// enum boxes every value (strings and numbers too) in a heap allocation of its own — dropping it made
/// `envelope.step.body.decode.fast` ≈ 12 % and `event.decode.fast` ≈ 8 % faster (docs/performance.md).
enum FastJSONValue {
    case null
    case bool(Bool)
    /// The number's text, e.g. `-12.5e3`.
    case number(String)
    case string(String)
    case array([FastJSONValue])
    case object([(key: String, value: FastJSONValue)])

    /// Deepest nesting parsed (Foundation's own limit is 512).
    static let maxDepth = 512

    /// The single JSON value in `bytes` (surrounding white space allowed), or `nil` if it is not strict JSON this
    /// parser takes.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> FastJSONValue? {
        var parser = FastJSONParser(bytes: bytes)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhiteSpace()
        return parser.index == bytes.count ? value : nil
    }
}

/// The recursive-descent reader behind ``FastJSONValue/parse(_:)``; every failure is `nil`.
struct FastJSONParser {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func skipWhiteSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) -> FastJSONValue? {
        skipWhiteSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return depth < FastJSONValue.maxDepth ? object(depth: depth + 1) : nil
        case UInt8(ascii: "["): return depth < FastJSONValue.maxDepth ? array(depth: depth + 1) : nil
        case UInt8(ascii: "\""): return string().map(FastJSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    private mutating func object(depth: Int) -> FastJSONValue? {
        index += 1
        var members: [(key: String, value: FastJSONValue)] = []
        skipWhiteSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhiteSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            // Which of two equal names wins is the fallback decoder's business.
            if members.contains(where: { $0.key == key }) { return nil }
            skipWhiteSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let member = value(depth: depth) else { return nil }
            members.append((key, member))
            skipWhiteSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: return nil
            }
        }
    }

    private mutating func array(depth: Int) -> FastJSONValue? {
        index += 1
        var elements: [FastJSONValue] = []
        skipWhiteSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            guard let element = value(depth: depth) else { return nil }
            elements.append(element)
            skipWhiteSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: return nil
            }
        }
    }

    /// A string starting at the opening quote; the index ends after the closing one.
    mutating func string() -> String? {
        guard let (text, end) = try? JSONStringLiteral.read(bytes, openingQuoteAt: index) else { return nil }
        index = end
        return text
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func number() -> FastJSONValue? {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
