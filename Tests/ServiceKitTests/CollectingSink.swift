import Synchronization
import ServiceKit

/// A sink that keeps every line, for asserting on log and readiness output.
final class CollectingSink: LogLineSink {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func write(line: String) { storage.withLock { $0.append(line) } }
}
