/// HTML text escaping. Every piece of text that is not a literal of this module passes through ``escape(_:)``
/// before it reaches a page — subject names come from filings, and a name like `<script>` must render as text.
public enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references (safe in element content and in
    /// quoted attribute values).
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// `text` percent-encoded for a path segment or query value (then escaped for the attribute it goes in).
    public static func urlComponent(_ text: String) -> String {
        let allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
        var encoded = ""
        for byte in text.utf8 {
            if let scalar = Unicode.Scalar(UInt32(byte)), allowed.unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
