/// HTML character references: numeric (`&#20013;`, `&#x4E2D;`) and the named ones pages of Chinese bureaus use.
public enum HTMLEntities {
    /// Named references decoded (others are kept as written).
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "middot": "·", "mdash": "—", "ndash": "–", "hellip": "…",
        "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "times": "×", "divide": "÷", "yen": "¥",
        "permil": "‰", "deg": "°", "plusmn": "±", "le": "≤", "ge": "≥", "copy": "©", "reg": "®", "bull": "•",
        "laquo": "«", "raquo": "»", "sup2": "²", "sup3": "³", "micro": "µ", "sect": "§",
    ]

    /// `text` with its character references decoded; malformed references stay as written.
    public static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = String.UnicodeScalarView()
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            guard s[i] == "&" else { out.append(s[i]); i += 1; continue }
            var j = i + 1
            while j < s.count, j - i <= 32, s[j] != ";", s[j] != "&", !s[j].properties.isWhitespace { j += 1 }
            guard j < s.count, s[j] == ";" else { out.append(s[i]); i += 1; continue }
            let body = String(String.UnicodeScalarView(s[(i + 1)..<j]))
            if let decoded = decodeReference(body) {
                out.append(contentsOf: decoded.unicodeScalars)
                i = j + 1
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    private static func decodeReference(_ body: String) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32? = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(scalar)
        }
        return named[body] ?? named[body.lowercased()]
    }
}
