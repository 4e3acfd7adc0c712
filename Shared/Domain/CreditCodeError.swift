/// Why a text is not a valid 统一社会信用代码.
public enum CreditCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code does not have 18 characters (17 for a prefix).
    case wrongLength(actual: Int)
    /// A character outside `0-9A-HJ-NP-RTUWXY` at 1-based `position`.
    case invalidCharacter(Character, position: Int)
    /// The 18th character is not the computed check character.
    case checkCharacterMismatch(expected: Character, actual: Character)

    /// A message stating the reason.
    public var description: String {
        switch self {
        case .wrongLength(let actual):
            "credit code must have 18 characters, got \(actual)"
        case .invalidCharacter(let character, let position):
            "credit code has invalid character \"\(character)\" at position \(position) (allowed: 0-9 A-H J-N P-R T U W X Y)"
        case .checkCharacterMismatch(let expected, let actual):
            "credit code check character expected \(expected), got \(actual)"
        }
    }
}
