import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for any process — not only a child of this one — to end, through a Linux pidfd (`pidfd_open(2)`, looked up
/// in libc at run time because Swift's Glibc module does not import it). The blocking `poll(2)` runs on a dedicated
/// thread, bounded by the timeout, so the wait is for the exit event itself, never a poll loop.
enum ProcessExitWatch {
    private typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32

    /// `true` once `pid` has ended (also when it had ended before the call), `false` if it is still running after
    /// `timeout`.
    /// - Throws: ``ServiceProcessError/processWatchUnavailable(reason:)`` when the kernel or libc lacks pidfds.
    static func waitForExit(of pid: Int32, timeout: Duration) async throws -> Bool {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "pidfd_open") else {
            throw ServiceProcessError.processWatchUnavailable(reason: "libc has no pidfd_open")
        }
        let pidfdOpen = unsafeBitCast(symbol, to: PidfdOpen.self)
        let descriptor = pidfdOpen(pid, 0)
        if descriptor < 0 {
            let code = errno
            if code == ESRCH { return true }
            throw ServiceProcessError.processWatchUnavailable(reason: "pidfd_open(\(pid)) failed: \(String(cString: strerror(code)))")
        }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ended = AsyncLatch<Bool>()
        let thread = Thread {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            var result: Int32
            repeat { result = poll(&entry, 1, milliseconds) } while result < 0 && errno == EINTR
            close(descriptor)
            ended.resolve(result > 0)
        }
        thread.name = "exit-watch-\(pid)"
        thread.start()
        return await ended.wait(timeout: timeout + .seconds(5)) ?? false
    }
}
