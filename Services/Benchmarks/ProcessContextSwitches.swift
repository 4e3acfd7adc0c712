import Foundation

/// Context switches of a child process so far: `voluntary_ctxt_switches` plus `nonvoluntary_ctxt_switches` of every
/// live thread (`/proc/<pid>/task/*/status`). A count of thread hand-offs that, unlike CPU time, does not follow the
/// shared machine's load: a request that crosses one more thread shows up here as about two more per request
/// (docs/performance.md, "Where a one-event document's CPU goes, by thread"). Threads that exited meanwhile are
/// not counted (the services keep theirs while busy).
enum ProcessContextSwitches {
    /// The sum over `pid`'s threads (0 when unreadable).
    static func count(_ pid: Int32) -> Int {
        let directory = "/proc/\(pid)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var total = 0
        for thread in threads {
            guard let status = try? String(contentsOfFile: "\(directory)/\(thread)/status", encoding: .utf8) else {
                continue
            }
            for line in status.split(separator: "\n")
            where line.hasPrefix("voluntary_ctxt_switches:") || line.hasPrefix("nonvoluntary_ctxt_switches:") {
                total += line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
            }
        }
        return total
    }

    /// Switches per item, formatted with one decimal.
    static func perItem(_ switches: Int, _ items: Int) -> String {
        String(format: "%.1f", items > 0 ? Double(switches) / Double(items) : 0)
    }
}
