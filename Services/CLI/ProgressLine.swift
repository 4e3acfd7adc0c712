import Foundation
import Synchronization

/// A one-line progress display on stderr (`\r`-rewritten on a terminal, one line per tenth otherwise):
/// documents done out of the total and documents per second.
final class ProgressLine: Sendable {
    private struct State {
        var done = 0
        var retries = 0
        var lastDecile = 0
    }

    private let total: Int
    private let enabled: Bool
    private let interactive: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    /// Creates a progress line for `total` documents; `enabled` false makes every call a no-op.
    init(total: Int, enabled: Bool, interactive: Bool) {
        self.total = total
        self.enabled = enabled
        self.interactive = interactive
    }

    /// Records one retry (shown as `重试 retries N`) and redraws on a terminal.
    func retried() {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.retries += 1
            return interactive ? "\r" + self.text(state) : nil
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    private func text(_ state: State) -> String {
        let elapsed = Self.seconds(ContinuousClock.now - started)
        let rate = elapsed > 0 ? Double(state.done) / elapsed : 0
        return Self.bar(done: state.done, total: total)
            + " 送入 feeding \(state.done)/\(total) documents · \(FeedSummary.format(rate)) documents/s"
            + (state.retries > 0 ? " · 重试 retries \(state.retries)" : "")
    }

    /// Records one finished document and redraws.
    func advance() {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done += 1
            let text = self.text(state)
            if interactive { return "\r" + text }
            let decile = total > 0 ? state.done * 10 / total : 10
            guard decile > state.lastDecile else { return nil }
            state.lastDecile = decile
            return text + "\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Ends the line on a terminal.
    func finish() {
        if enabled, interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// `[########------------]`: 20 cells filled in proportion to `done`/`total`.
    static func bar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, done * width / total) : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
