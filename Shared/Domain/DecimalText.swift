import Foundation
import JSONText

/// Exact conversion between `Decimal` and its JSON text form (a string such as `"1.437"`, numbers accepted).
public enum DecimalText {
    /// The POSIX locale, created once (creating a `Locale` per figure dominated parsing and formatting).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Most significant digits a `Decimal` holds exactly.
    public static let maxSignificantDigits = 38

    /// Parses a plain decimal number (`-12.5`, `1.437`, `3`) exactly, with a POSIX decimal point.
    /// Returns `nil` for anything else (exponents, grouping separators, letters) and for numbers a `Decimal` cannot
    /// hold exactly (more than 38 significant digits, or beyond its range): never `NaN`, never a rounded value.
    public static func parse(_ text: String) -> Decimal? {
        if let value = parsePlain(text) { return value }
        guard let value = parseSyntax(text) else { return nil }
        // At most 38 characters means at most 38 digits: exact, no round trip needed (the common case).
        if text.utf8.count <= maxSignificantDigits { return value }
        guard !value.isNaN, exact(text, value) else { return nil }
        return value
    }

    /// The common case without Foundation's parser (`Decimal(string:)` through `NSString` was an eighth of decoding
    /// a program event): `[+-]?digits[.digits]` with at most 19 significant digits and a value other than zero,
    /// trailing zeros stripped — the same value, byte for byte, as `Decimal(string:)` gives
    /// (`DecimalTextTests.plainFastPathIsByteForByteFoundations`). `nil` means: take the general path.
    static func parsePlain(_ text: String) -> Decimal? {
        JSONDecimal.parsePlain(text)
    }

    /// Why `text` is not an exact decimal, for error messages (`nil` when ``parse(_:)`` accepts it).
    public static func problem(_ text: String) -> String? {
        guard isPlainDecimal(text) else { return "not a plain decimal number: \"\(abbreviated(text))\"" }
        guard let value = parseSyntax(text), !value.isNaN, exact(text, value) else {
            return "\"\(abbreviated(text))\" has more digits than an exact decimal holds "
                + "(at most \(maxSignificantDigits) significant digits)"
        }
        return nil
    }

    /// Whether `value` (parsed from `text`) is exactly the number written: the digits survive the round trip.
    private static func exact(_ text: String, _ value: Decimal) -> Bool {
        canonical(UnicodeWhitespace.trimmingWhitespace(text)) == canonical(string(value))
    }

    /// Digits without sign, leading integer zeros, trailing fraction zeros or a bare point (`"-0012.50"` → `"12.5"`).
    private static func canonical(_ text: String) -> String {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        var integer = body
        var fraction: Substring = ""
        if let point = body.firstIndex(of: ".") {
            integer = body[..<point]
            fraction = body[body.index(after: point)...]
        }
        integer = integer.drop { $0 == "0" }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let digits = (integer.isEmpty ? "0" : String(integer)) + (fraction.isEmpty ? "" : "." + fraction)
        return digits
    }

    private static func abbreviated(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// Digits, one optional point, an optional sign: the syntax, whatever the size.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var body = Substring(UnicodeWhitespace.trimmingWhitespace(text))
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        return !body.isEmpty && pieces.count <= 2
            && pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    }

    private static func parseSyntax(_ text: String) -> Decimal? {
        guard isPlainDecimal(text) else { return nil }
        return Decimal(string: UnicodeWhitespace.trimmingWhitespace(text), locale: posix)
    }

    /// The canonical text of `value` (POSIX decimal point, no grouping).
    public static func string(_ value: Decimal) -> String {
        JSONDecimal.string(value)
    }

    /// Decodes a decimal stored as a string (preferred, exact) or a JSON number.
    public static func decode<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Decimal {
        if let text = try? container.decode(String.self, forKey: key) {
            guard let value = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: problem(text) ?? "not a decimal number")
            }
            return value
        }
        let value = try container.decode(Decimal.self, forKey: key)
        // A JSON number is parsed by Foundation, which rounds beyond 38 digits and overflows to NaN: refuse both
        // (exact amounts are written as strings, docs/protocol.md §4).
        guard !value.isNaN, significantDigits(value) < maxSignificantDigits else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "number has more digits than an exact decimal holds (at most "
                    + "\(maxSignificantDigits - 1) significant digits as a JSON number; write exact amounts as strings)")
        }
        return value
    }

    /// Significant digits of `value` (`1200` → 2, `0.015` → 2).
    static func significantDigits(_ value: Decimal) -> Int {
        let digits = canonical(string(value)).filter(\.isNumber).drop { $0 == "0" }
        var trimmed = Substring(digits)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        return trimmed.count
    }

    /// Like ``decode(from:forKey:)`` but `nil` when the key is absent or null.
    public static func decodeIfPresent<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Decimal? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try decode(from: container, forKey: key)
    }
}
