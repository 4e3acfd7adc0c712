import Foundation

/// CPU time of a child process, read from `/proc/<pid>/stat` (utime + stime, all threads). On this shared machine
/// CPU time per document or event is much steadier than wall-clock rates, which follow the other builds' load.
enum ProcessCPU {
    /// User plus system CPU time of `pid` so far, in seconds (0 when unreadable).
    static func seconds(_ pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (clock ticks).
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Microseconds of CPU per item, formatted with two decimals.
    static func microsecondsPerItem(_ cpuSeconds: Double, _ items: Int) -> String {
        String(format: "%.2f", items > 0 ? cpuSeconds * 1e6 / Double(items) : 0)
    }
}
