/// Character classes the normaliser and the figure scanner share (all on single Unicode scalars).
enum ScalarClass {
    /// CJK unified ideographs (basic block and extension A) and the ideographic zero 〇.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3007: true
        default: false
        }
    }

    /// Spaces, tabs, carriage returns, the ideographic space and other Unicode white space (not `\n`).
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && isWhiteSpace(scalar)
    }

    /// `scalar.properties.isWhitespace`, answered without the property lookup (12 % of reading a report) for the
    /// scalars that cannot be white space: everything but U+0009–000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–200A, U+2028, U+2029, U+202F, U+205F and U+3000 (checked against the property for every
    /// scalar in `ScalarClassTests`).
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The value of an ASCII or full-width digit.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    /// ASCII or full-width Latin letter.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xFF21...0xFF3A, 0xFF41...0xFF5A: true
        default: false
        }
    }

    // The four sets below were `"…".unicodeScalars.contains(scalar)`, which decodes the literal on every call; the
    // readers ask them for nearly every scalar they walk back over (7 % of extracting a 1 MiB report, perf
    // 2026-12-01). The switches hold the same scalars (`ScalarClassTests` checks them against the literals).

    /// Ends a sentence: 。！？；(and ASCII ! ? ;) or a paragraph break.
    @inline(__always)
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A: true  // 。！？；!?;\n
        default: false
        }
    }

    /// Ends a clause: sentence ends plus ，：, : (a comma between digits is a thousands separator, checked by callers).
    @inline(__always)
    static func endsClause(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A: true  // 。！？；!?;\n
        case 0xFF0C, 0xFF1A, 0x2C, 0x3A: true  // ，：,:
        default: false
        }
    }

    /// Ends a line of text so that the next line starts a new paragraph (terminal punctuation).
    static func endsParagraphLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x21, 0x3F, 0x3B, 0x3A: true  // 。！？；：!?;:
        default: false
        }
    }

    /// Signs joining the numbers of a formula or a code (“1+1+8+N”, “8×10”, 1-11).
    @inline(__always)
    static func isFormulaSign(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2B, 0xD7, 0x2A, 0x2F, 0x3D, 0xFF0B, 0xFF0D, 0x2014, 0x2013, 0x2D, 0x7E, 0xFF5E: true  // +×*/=＋－—–-~～
        default: false
        }
    }

    /// Whether `s` holds `word` starting at `index` (false when out of bounds).
    static func has(_ word: some Collection<Unicode.Scalar>, at index: Int, in s: [Unicode.Scalar]) -> Bool {
        guard index >= 0, index + word.count <= s.count else { return false }
        return s[index..<(index + word.count)].elementsEqual(word)
    }

    /// Whether `s` holds `word` starting at `index`.
    static func has(_ word: String, at index: Int, in s: [Unicode.Scalar]) -> Bool {
        has(word.unicodeScalars, at: index, in: s)
    }

    /// The first index at or after `index` that is not a blank.
    static func skipBlanks(from index: Int, in s: [Unicode.Scalar]) -> Int {
        var index = index
        while index < s.count, isBlank(s[index]) { index += 1 }
        return index
    }
}
