/// The one JSON string writer of the code base: message headers and bodies on the wire (Messaging), log and
/// readiness lines (ServiceKit), the CLI's JSON lines and `kechuang extract --format json` (Extraction) all quote
/// strings here, so they all follow the same rules:
///
/// - `"` → `\"`, `\` → `\\`, line feed → `\n`, carriage return → `\r`, tab → `\t`;
/// - every other control character (U+0000–U+001F) → `\u00XX` with lowercase hex digits;
/// - U+2028 LINE SEPARATOR → `\u2028` and U+2029 PARAGRAPH SEPARATOR → `\u2029` (valid raw in JSON, but
///   line breaks to JavaScript and to some line-oriented readers);
/// - everything else, Chinese included, is copied as UTF-8; `/` is not escaped.
///
/// Plain text (the common case) is scanned eight bytes at a time and copied in runs, without per-character work.
public enum JSONText {
    /// Appends `text` as a JSON string literal, quotes included, to `out`.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendQuoted(utf8: $0, to: &out) }
        if done == nil {
            // Bridged or otherwise non-contiguous strings: `withUTF8` makes a contiguous copy first.
            var copy = text
            copy.withUTF8 { appendQuoted(utf8: $0, to: &out) }
        }
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Whether `byte` can be copied without a look: not a control character, `"`, `\` or 0xE2 (the lead byte of
    /// U+2000–U+2FFF, which holds U+2028/U+2029).
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0xE2
    }

    /// Whether any of the 8 bytes in `word` is not ``isPlain(_:)`` (exact, no false positives: the classic
    /// "has zero byte" / "has byte less than" bit tricks, one word at a time instead of one byte).
    @inline(__always)
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highBits }
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quote = zeroByte(word ^ (ones &* 0x22))
        let backslash = zeroByte(word ^ (ones &* 0x5C))
        let lead = zeroByte(word ^ (ones &* 0xE2))
        return (control | quote | backslash | lead) != 0
    }

    /// The index of the first byte at or after `start` that is not ``isPlain(_:)``, or `bytes.count`.
    @inline(__always)
    private static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= count {
                if hasSpecialByte(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { break }
                index &+= 8
            }
        }
        while index < count && isPlain(bytes[index]) { index &+= 1 }
        return index
    }

    /// Appends the UTF-8 bytes `bytes` (valid UTF-8, as every `String` is) as a JSON string literal: plain runs
    /// are found eight bytes at a time and copied in bulk.
    private static func appendQuoted(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let count = bytes.count
        var runStart = 0
        var index = 0
        while true {
            index = firstSpecial(in: bytes, from: index)
            if index == count { break }
            let byte = bytes[index]
            if byte == 0xE2 {
                // U+2028 is E2 80 A8, U+2029 is E2 80 A9; any other 0xE2 sequence (“”…) stays in the run.
                guard index + 2 < count, bytes[index + 1] == 0x80,
                      bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: bytes[index + 2] == 0xA8 ? #"\u2028"#.utf8 : #"\u2029"#.utf8)
                index += 3
                runStart = index
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "u00".utf8)
                hexDigits.withUTF8Buffer { digits in
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0x0F)])
                }
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        out.append(UInt8(ascii: "\""))
    }
}
