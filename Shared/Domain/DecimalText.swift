import Foundation
import JSONText

/// Exact conversion between `Decimal` and its JSON text form (a string such as `"1.437"`, numbers accepted).
public enum DecimalText {
    /// The POSIX locale, created once (creating a `Locale` per figure dominated parsing and formatting).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses a plain decimal number (`-12.5`, `1.437`, `3`) exactly, with a POSIX decimal point.
    /// Returns `nil` for anything else (exponents, grouping separators, letters).
    public static func parse(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = Substring(trimmed)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, pieces.count <= 2,
              pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Decimal(string: trimmed, locale: posix)
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
                    forKey: key, in: container, debugDescription: "not a decimal number: \"\(text)\"")
            }
            return value
        }
        return try container.decode(Decimal.self, forKey: key)
    }

    /// Like ``decode(from:forKey:)`` but `nil` when the key is absent or null.
    public static func decodeIfPresent<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Decimal? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        return try decode(from: container, forKey: key)
    }
}
