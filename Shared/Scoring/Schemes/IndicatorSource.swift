import Domain
import Foundation

/// Where an indicator's raw value comes from: a named input value, or the ratio of two, times a factor.
///
/// Written in a scheme file as `name`, `name * factor`, `numerator / denominator` or
/// `numerator / denominator * factor`, e.g. `rdExpense / operatingRevenue * 100` (R&D intensity in percent).
public struct IndicatorSource: Sendable, Hashable, CustomStringConvertible {
    /// The input whose value is used (the numerator of a ratio).
    public var input: String { didSet { description = Self.text(input, denominator, factor) } }
    /// The input divided by, for a ratio.
    public var denominator: String? { didSet { description = Self.text(input, denominator, factor) } }
    /// A factor applied last (1 unless written).
    public var factor: Decimal { didSet { description = Self.text(input, denominator, factor) } }
    /// The written form, e.g. `rdExpense / operatingRevenue * 100`: kept, not rebuilt, since every breakdown line
    /// of every score carries it.
    public private(set) var description: String

    /// Creates a source.
    public init(input: String, denominator: String? = nil, factor: Decimal = 1) {
        self.input = input
        self.denominator = denominator
        self.factor = factor
        description = Self.text(input, denominator, factor)
    }

    /// Every input name the source reads.
    public var inputs: [String] { [input] + (denominator.map { [$0] } ?? []) }

    /// Parses the written form; `nil` when the text is not of one of the four shapes.
    public init?(parsing text: String) {
        let tokens = IndicatorSource.tokens(text)
        var index = 0
        func name() -> String? {
            guard index < tokens.count, IndicatorSource.isName(tokens[index]) else { return nil }
            defer { index += 1 }
            return tokens[index]
        }
        guard let input = name() else { return nil }
        var denominator: String?
        var factor: Decimal = 1
        if index < tokens.count, tokens[index] == "/" {
            index += 1
            guard let divisor = name() else { return nil }
            denominator = divisor
        }
        if index < tokens.count, tokens[index] == "*" {
            index += 1
            guard index < tokens.count, let value = DecimalText.parse(tokens[index]), value > 0 else { return nil }
            factor = value
            index += 1
        }
        guard index == tokens.count else { return nil }
        self.init(input: input, denominator: denominator, factor: factor)
    }

    /// The raw value from `values`: `.value` when every input is present (and a denominator is not zero).
    public func evaluate(_ values: [String: Decimal]) -> SourceValue {
        let absent = inputs.filter { values[$0] == nil }
        guard absent.isEmpty, let numerator = values[input] else { return .missing(.absent(absent)) }
        guard let denominator else { return .value(numerator.multiplied(by: factor)) }
        guard let divisor = values[denominator], divisor != 0 else {
            return .missing(.zeroDenominator(denominator))
        }
        return .value(numerator.divided(by: divisor).multiplied(by: factor))
    }

    private static func text(_ input: String, _ denominator: String?, _ factor: Decimal) -> String {
        var text = input
        if let denominator { text += " / \(denominator)" }
        if factor != 1 { text += " * \(DecimalText.string(factor))" }
        return text
    }

    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "/" || character == "*" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if !character.isWhitespace { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func isName(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return token.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".") }
    }
}
