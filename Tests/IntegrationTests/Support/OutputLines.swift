import Foundation
import Synchronization

/// Collects the lines a child process writes to one pipe, draining it continuously on a dedicated thread (so a
/// chatty child never blocks on a full pipe), and lets tests wait for a line matching a predicate.
final class OutputLines: Sendable {
    private struct Watch {
        let predicate: @Sendable (String) -> Bool
        let latch: AsyncLatch<String?>
    }

    private struct State {
        var lines: [String] = []
        var partial = Data()
        var closed = false
        var watches: [Watch] = []
    }

    /// Which stream (for diagnostics): `stdout` or `stderr`.
    let name: String
    private let state = Mutex(State())
    private let closedLatch = AsyncLatch<Void>()

    init(name: String) {
        self.name = name
    }

    /// Starts a thread reading `handle` until end of file.
    func drain(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                append(chunk)
            }
            finish()
        }
        thread.name = "kechuang.test.\(name)"
        thread.start()
    }

    /// Every complete line so far.
    var lines: [String] { state.withLock { $0.lines } }

    /// The last `count` lines joined, for failure messages.
    func tail(_ count: Int = 40) -> String {
        lines.suffix(count).joined(separator: "\n")
    }

    /// Waits until a line (already seen or future) satisfies `predicate`; `nil` on timeout or end of output.
    func firstLine(matching predicate: @escaping @Sendable (String) -> Bool, timeout: Duration) async -> String? {
        let latch = AsyncLatch<String?>()
        state.withLock { state in
            if let line = state.lines.first(where: predicate) {
                latch.resolve(line)
            } else if state.closed {
                latch.resolve(nil)
            } else {
                state.watches.append(Watch(predicate: predicate, latch: latch))
            }
        }
        return await latch.wait(timeout: timeout) ?? nil
    }

    /// Waits until the pipe reached end of file (the child exited and closed it); `false` on timeout.
    func waitClosed(timeout: Duration) async -> Bool {
        await closedLatch.wait(timeout: timeout) != nil
    }

    private func append(_ chunk: Data) {
        let matched = state.withLock { state -> [(AsyncLatch<String?>, String)] in
            state.partial.append(chunk)
            var matched: [(AsyncLatch<String?>, String)] = []
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                let lineData = state.partial[state.partial.startIndex..<newline]
                let line = String(decoding: lineData, as: UTF8.self)
                state.partial.removeSubrange(state.partial.startIndex...newline)
                state.lines.append(line)
                state.watches.removeAll { watch in
                    guard watch.predicate(line) else { return false }
                    matched.append((watch.latch, line))
                    return true
                }
            }
            return matched
        }
        for (latch, line) in matched { latch.resolve(line) }
    }

    private func finish() {
        let watches = state.withLock { state -> [Watch] in
            if !state.partial.isEmpty {
                state.lines.append(String(decoding: state.partial, as: UTF8.self))
                state.partial.removeAll()
            }
            state.closed = true
            defer { state.watches.removeAll() }
            return state.watches
        }
        for watch in watches {
            watch.latch.resolve(lines.last.flatMap { watch.predicate($0) ? $0 : nil })
        }
        closedLatch.resolve(())
    }
}
