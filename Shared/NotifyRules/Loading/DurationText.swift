import Foundation

/// Durations as written in the rules file and on the command line: `0`, `500ms`, `30s`, `5m`, `4h`, `1d`, or a
/// sum such as `1h30m`.
public enum DurationText {
    /// The duration of `text`, or `nil` when it is not one.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return .zero }
        var total = Duration.zero
        var digits = ""
        var rest = Substring(trimmed)
        guard !rest.isEmpty else { return nil }
        while let character = rest.first {
            if character.isASCII, character.isNumber {
                digits.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let amount = Int64(digits) else { return nil }
            digits = ""
            if rest.hasPrefix("ms") {
                total += .milliseconds(amount)
                rest = rest.dropFirst(2)
                continue
            }
            switch character {
            case "s": total += .seconds(amount)
            case "m": total += .seconds(amount * 60)
            case "h": total += .seconds(amount * 3600)
            case "d": total += .seconds(amount * 86400)
            default: return nil
            }
            rest = rest.dropFirst()
        }
        return digits.isEmpty ? total : nil
    }

    /// `1h30m`, `45s`, `250ms`, `0s` — the shortest text ``parse(_:)`` reads back.
    public static func string(_ duration: Duration) -> String {
        var milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        var text = ""
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] {
            if milliseconds >= size {
                text += "\(milliseconds / size)\(unit)"
                milliseconds %= size
            }
        }
        return text
    }
}
