/// A strict JSON (RFC 8259) syntax scanner over UTF-8 bytes that reports the line and column of the first error,
/// and splits a top-level array or a JSON-lines document into its values (byte ranges plus where each starts),
/// so every value can then be decoded on its own and every problem located.
///
/// Input must already be valid UTF-8 (``ContentDecoder`` checks that first).
struct JSONScanner {
    /// One top-level value: its bytes and where it starts.
    struct Value: Sendable, Hashable {
        /// Byte range within the document.
        var range: Range<Int>
        /// Where the value starts.
        var position: TextPosition
    }

    /// Deepest nesting accepted (protects the stack against hostile input).
    static let maximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private var index: Int
    private var line = 1
    private var lineStart = 0
    private var columns = ColumnCounter()

    private init(bytes: UnsafeRawBufferPointer, start: Int = 0) {
        self.bytes = bytes
        self.index = start
    }

    /// The elements of a document that is one JSON array (whitespace around it allowed).
    static func arrayElements(of bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [Value] {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "[") else { throw scanner.error("expected '[' to start a JSON array") }
        scanner.index += 1
        var values: [Value] = []
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "]") {
            scanner.index += 1
        } else {
            while true {
                scanner.skipWhitespace()
                let start = scanner.index
                let position = scanner.valuePosition()
                try scanner.value(depth: 1)
                values.append(Value(range: start..<scanner.index, position: position))
                scanner.skipWhitespace()
                guard let next = scanner.peek else { throw scanner.error("unterminated array: expected ',' or ']'") }
                scanner.index += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else {
                    scanner.index -= 1
                    throw scanner.error("expected ',' or ']' after an array element")
                }
            }
        }
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.error("unexpected text after the JSON array") }
        return values
    }

    /// The values of a JSON-lines document: one value per non-blank line (`\n` or `\r\n` line ends).
    static func lineValues(of bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [Value] {
        var values: [Value] = []
        var lineNumber = 1
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<end]), start: start)
            scanner.line = lineNumber
            scanner.lineStart = start
            scanner.skipWhitespace()
            if scanner.index < end {
                let valueStart = scanner.index
                let position = scanner.valuePosition()
                try scanner.value(depth: 0)
                let valueEnd = scanner.index
                scanner.skipWhitespace()
                guard scanner.index == end else {
                    throw scanner.error("unexpected text after the JSON value (one value per line)")
                }
                values.append(Value(range: valueStart..<valueEnd, position: position))
            }
            lineNumber += 1
            start = end + 1
        }
        return values
    }

    /// Checks that `bytes` hold exactly one JSON value.
    static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        try scanner.value(depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.error("unexpected text after the JSON value") }
    }

    // MARK: Grammar

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var position: TextPosition {
        TextPosition.of(offset: index, in: bytes, lineStart: lineStart, line: line)
    }

    /// The position of the value starting at the current index (linear-time over a document's values).
    private mutating func valuePosition() -> TextPosition {
        TextPosition(line: line, column: columns.column(at: index, lineStart: lineStart, in: bytes))
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = peek else { throw error("expected a JSON value, found the end of the text") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth + 1)
        case UInt8(ascii: "["): try array(depth: depth + 1)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw error("expected a JSON value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) {
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
            try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
            index += 1
            skipWhitespace()
            try value(depth: depth)
            skipWhitespace()
            guard let next = peek else { throw error("unterminated object: expected ',' or '}'") }
            if next == UInt8(ascii: "}") {
                index += 1
                return
            }
            guard next == UInt8(ascii: ",") else { throw error("expected ',' or '}' after an object member") }
            index += 1
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) {
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try value(depth: depth)
            skipWhitespace()
            guard let next = peek else { throw error("unterminated array: expected ',' or ']'") }
            if next == UInt8(ascii: "]") {
                index += 1
                return
            }
            guard next == UInt8(ascii: ",") else { throw error("expected ',' or ']' after an array element") }
            index += 1
        }
    }

    private mutating func string() throws(JSONSyntaxError) {
        // Only remembered: computing a position for every string would make long lines quadratic.
        let (openingIndex, openingLine, openingLineStart) = (index, line, lineStart)
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = peek else { break }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        guard let hex = peek, Self.isHexDigit(hex) else {
                            throw error("\\u must be followed by four hex digits")
                        }
                        index += 1
                    }
                default:
                    throw error("invalid escape sequence in a string")
                }
            case 0x00..<0x20:
                throw error(byte == UInt8(ascii: "\n")
                    ? "unterminated string (line break inside a string)"
                    : "control character inside a string must be escaped")
            default:
                index += 1
            }
        }
        throw JSONSyntaxError(
            message: "unterminated string",
            position: TextPosition.of(offset: openingIndex, in: bytes, lineStart: openingLineStart, line: openingLine))
    }

    private mutating func number() throws(JSONSyntaxError) {
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, Self.isDigit(first) else { throw error("expected a digit in a number") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek, Self.isDigit(next) { throw error("numbers must not have leading zeros") }
        } else {
            while let digit = peek, Self.isDigit(digit) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard let digit = peek, Self.isDigit(digit) else { throw error("expected a digit after '.'") }
            while let digit = peek, Self.isDigit(digit) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek, Self.isDigit(digit) else { throw error("expected a digit in the exponent") }
            while let digit = peek, Self.isDigit(digit) { index += 1 }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count
            && (0..<count).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
        guard matches else { throw error("expected \(word)") }
        index += count
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
