/// Where formatted log and readiness lines go. Implementations must be safe to call from any thread.
public protocol LogLineSink: Sendable {
    /// Writes one line (without its trailing newline) and flushes it.
    func write(line: String)
}
