/// Shortens client-supplied text before it is echoed into an error reply or a log line, so a 10 MB bad field costs
/// a few hundred bytes, not 10 MB per line.
public enum EchoedText {
    /// Longest echoed message, in characters.
    public static let messageLimit = 512
    /// Longest echoed field path, in characters.
    public static let fieldLimit = 128

    /// `text` if it has at most `limit` characters, else its first `limit` characters and
    /// `… (N bytes in all)`.
    public static func truncate(_ text: String, limit: Int = messageLimit) -> String {
        // Count lazily: stop after `limit + 1` characters instead of walking a huge string.
        var index = text.startIndex
        var count = 0
        while index < text.endIndex, count < limit {
            text.formIndex(after: &index)
            count += 1
        }
        guard index < text.endIndex else { return text }
        return String(text[..<index]) + "… (\(text.utf8.count) bytes in all)"
    }
}
