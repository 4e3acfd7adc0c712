import Foundation

/// 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters over `0-9A-HJ-NP-RTUWXY`,
/// the last one a check character computed from the first 17. Codable as a plain string.
public struct UnifiedSocialCreditCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 31 characters of the code alphabet; a character's value is its index.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// Weights wᵢ = 3^(i−1) mod 31 of positions 1–17.
    public static let weights: [Int] = {
        var result: [Int] = []
        var weight = 1
        for _ in 0..<17 {
            result.append(weight)
            weight = weight * 3 % 31
        }
        return result
    }()

    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// The 18-character canonical (upper-case) code.
    public let rawValue: String

    /// Parses leniently (trims whitespace, upper-cases) and checks length, alphabet and check character.
    public init(parsing text: String) throws(CreditCodeError) {
        if let valid = Self.parsedCanonical(text) {
            rawValue = valid
        } else {
            rawValue = try Self.leniently(text)
        }
    }

    /// The full parse: trims white space, upper-cases, and says exactly what is wrong.
    static func leniently(_ text: String) throws(CreditCodeError) -> String {
        let canonical = UnicodeWhitespace.trimmingWhitespaceAndNewlines(text).uppercased()
        let characters = Array(canonical)
        guard characters.count == 18 else { throw .wrongLength(actual: characters.count) }
        // Positions 1–17 must be in the alphabet; a wrong 18th character (even one outside the alphabet)
        // is reported as a check-character mismatch, which tells the user the character expected.
        let expected = try Self.checkCharacter(prefix17: String(characters.prefix(17)))
        guard characters[17] == expected else {
            throw .checkCharacterMismatch(expected: expected, actual: characters[17])
        }
        return canonical
    }

    /// The common case without Foundation (whose `trimmingCharacters` bridged through `NSString` was a fifth of
    /// decoding a program event): `text` is already 18 ASCII characters of the alphabet (any letter case) with the
    /// right check character; returns the upper-cased code, or `nil` to take the lenient path that also explains
    /// what is wrong. Tested against that path for every outcome (`CreditCodeTests`).
    static func parsedCanonical(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.count == 18 else { return nil }
        let (values, weights) = (asciiValues, Self.weights)
        var sum = 0
        var hasLowercase = false
        for (position, raw) in utf8.enumerated() {
            let isLowercase = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(raw)
            hasLowercase = hasLowercase || isLowercase
            let byte = isLowercase ? raw - 0x20 : raw
            let value = Int(values[Int(min(byte, 127))])
            guard value >= 0 else { return nil }
            if position < 17 {
                sum += value * weights[position]
            } else if value != (31 - sum % 31) % 31 {
                return nil
            }
        }
        // Codes are nearly always written in capitals already: then the text itself is the code.
        guard hasLowercase else { return text }
        return text.uppercased()  // ASCII only: every byte was checked against the alphabet above
    }

    /// The value of each ASCII byte in the alphabet, −1 for bytes outside it.
    private static let asciiValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, character) in alphabet.enumerated() {
            if let ascii = character.asciiValue { table[Int(ascii)] = Int8(value) }
        }
        return table
    }()

    /// Parses like ``init(parsing:)`` but returns `nil` for an invalid code.
    public init?(_ text: String) {
        guard let code = try? UnifiedSocialCreditCode(parsing: text) else { return nil }
        self = code
    }

    /// Builds a valid code from its first 17 characters by appending the check character
    /// (for sample-data generators). The prefix is parsed leniently like ``init(parsing:)``.
    public static func make(prefix17: String) throws(CreditCodeError) -> UnifiedSocialCreditCode {
        let canonical = UnicodeWhitespace.trimmingWhitespaceAndNewlines(prefix17).uppercased()
        let check = try checkCharacter(prefix17: canonical)
        return try UnifiedSocialCreditCode(parsing: canonical + String(check))
    }

    /// The check character for a 17-character prefix.
    public static func checkCharacter(prefix17: String) throws(CreditCodeError) -> Character {
        let characters = Array(prefix17)
        guard characters.count == 17 else { throw .wrongLength(actual: characters.count) }
        var digits: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let value = values[character] else { throw .invalidCharacter(character, position: index + 1) }
            digits.append(value)
        }
        return checkCharacter(values: digits[...])
    }

    private static func checkCharacter(values: ArraySlice<Int>) -> Character {
        var sum = 0
        for (value, weight) in zip(values, weights) {
            sum += value * weight
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Position 1: the registration authority code (`9` = market regulation).
    public var registrationAuthority: Character { rawValue[rawValue.startIndex] }

    /// Positions 3–8: the administrative division code (GB/T 2260), e.g. `320582` for Zhangjiagang.
    public var divisionCode: String { String(rawValue.dropFirst(2).prefix(6)) }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes from a string, rejecting an invalid code with the reason.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try UnifiedSocialCreditCode(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid credit code \"\(text)\": \(error)")
        }
    }

    /// Encodes as the plain 18-character string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
