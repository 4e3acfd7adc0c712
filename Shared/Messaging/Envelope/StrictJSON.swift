/// A strict RFC 8259 syntax check for header and body frames, run before Foundation's `JSONDecoder` (which accepts
/// more than JSON: a leading byte-order mark, trailing commas in objects and arrays). Protocol §5: a frame that is not
/// JSON is `invalid_json` → `bad_envelope`, whatever a lenient parser would make of it.
///
/// It also names the first number that a Swift integer field may not hold (negative, with a fraction or an exponent,
/// or too many digits), so a body whose JSON is valid but whose number is out of range is answered `invalid_request`
/// naming that field rather than "not valid JSON" (Foundation reports such numbers without a coding path).
enum StrictJSON {
    /// Why a frame is not JSON.
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// 0-based byte offset of the problem.
        var offset: Int
        /// What is wrong there.
        var reason: String

        var description: String { "\(reason) at byte \(offset + 1)" }
    }

    /// Deepest nesting accepted (Foundation's own limit is 512).
    static let maxDepth = 512

    /// `nil` when `bytes` is exactly one JSON value (with optional surrounding white space), else the first problem.
    static func check(_ bytes: UnsafeRawBufferPointer) -> SyntaxError? {
        var parser = Parser(bytes: bytes, locating: false)
        do {
            try parser.document()
            return nil
        } catch {
            return error
        }
    }

    /// The dotted path (`limit`, `rows[3].amount`) of the first number no integer field could hold, if any.
    /// Call only for syntactically valid JSON.
    static func firstNonIntegerNumber(_ bytes: UnsafeRawBufferPointer) -> String? {
        var parser = Parser(bytes: bytes, locating: true)
        try? parser.document()
        return parser.found
    }

    private struct Parser {
        enum Component {
            case key(Range<Int>)
            case index(Int)
        }

        let bytes: UnsafeRawBufferPointer
        let locating: Bool
        var index = 0
        var depth = 0
        var path: [Component] = []
        var found: String?

        init(bytes: UnsafeRawBufferPointer, locating: Bool) {
            self.bytes = bytes
            self.locating = locating
        }

        mutating func document() throws(SyntaxError) {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                throw SyntaxError(offset: 0, reason: "byte-order mark before the JSON text")
            }
            skipWhitespace()
            try value()
            skipWhitespace()
            guard index == bytes.count else { throw fail("unexpected text after the JSON value") }
        }

        func fail(_ reason: String) -> SyntaxError {
            SyntaxError(offset: index, reason: index < bytes.count ? reason : "unexpected end of input")
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value() throws(SyntaxError) {
            guard index < bytes.count else { throw fail("expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail("invalid literal") }
            let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: count)
            guard UnsafeRawBufferPointer(rebasing: bytes[index..<(index + count)]).elementsEqual(expected) else {
                throw fail("invalid literal")
            }
            index += count
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            guard depth <= StrictJSON.maxDepth else { throw fail("nested deeper than \(StrictJSON.maxDepth) levels") }
            index += 1
            skipWhitespace()
        }

        mutating func object() throws(SyntaxError) {
            try enter()
            defer { depth -= 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail(bytes.indices.contains(index) && bytes[index] == UInt8(ascii: "}")
                        ? "trailing comma in an object" : "expected a quoted key")
                }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
                if locating { path.append(.key(key)) }
                try value()
                if locating { path.removeLast() }
                skipWhitespace()
                guard index < bytes.count else { throw fail("expected ',' or '}'") }
                let separator = bytes[index]
                index += 1
                if separator == UInt8(ascii: "}") { return }
                guard separator == UInt8(ascii: ",") else {
                    index -= 1
                    throw fail("expected ',' or '}'")
                }
                skipWhitespace()
            }
        }

        mutating func array() throws(SyntaxError) {
            try enter()
            defer { depth -= 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            var position = 0
            while true {
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw fail("trailing comma in an array") }
                if locating { path.append(.index(position)) }
                try value()
                if locating { path.removeLast() }
                position += 1
                skipWhitespace()
                guard index < bytes.count else { throw fail("expected ',' or ']'") }
                let separator = bytes[index]
                index += 1
                if separator == UInt8(ascii: "]") { return }
                guard separator == UInt8(ascii: ",") else {
                    index -= 1
                    throw fail("expected ',' or ']'")
                }
                skipWhitespace()
            }
        }

        /// Consumes a string (the opening quote at `index`); returns the range of its raw contents.
        mutating func string() throws(SyntaxError) -> Range<Int> {
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<(index - 1)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw fail("unterminated string") }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count else { throw fail("invalid \\u escape") }
                        for offset in 1...4 where !Self.isHex(bytes[index + offset]) {
                            throw fail("invalid \\u escape")
                        }
                        index += 5
                    default:
                        throw fail("invalid escape")
                    }
                case 0..<0x20:
                    throw fail("unescaped control character in a string")
                default:
                    index += 1
                }
            }
            throw fail("unterminated string")
        }

        static func isHex(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                true
            default: false
            }
        }

        mutating func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }

        mutating func number() throws(SyntaxError) {
            var suspicious = false
            if bytes[index] == UInt8(ascii: "-") {
                suspicious = true
                index += 1
            }
            let first = index
            let count = digits()
            guard count > 0 else { throw fail("invalid number") }
            if count > 1, bytes[first] == UInt8(ascii: "0") {
                index = first + 1
                throw fail("leading zero in a number")
            }
            if count > 18 { suspicious = true }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw fail("invalid number") }
                suspicious = true
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { throw fail("invalid number") }
                suspicious = true
            }
            if locating, suspicious, found == nil { found = renderPath() }
        }

        func renderPath() -> String {
            var text = ""
            for component in path {
                switch component {
                case .key(let range):
                    let key = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    text += text.isEmpty ? key : "." + key
                case .index(let position):
                    text += "[\(position)]"
                }
            }
            return text.isEmpty ? "(root)" : text
        }
    }
}
