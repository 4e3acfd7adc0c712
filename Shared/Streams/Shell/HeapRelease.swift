#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap a follower freed during a large catch-up back to the operating system.
///
/// Why: glibc keeps freed memory in its arenas. After replaying a long backlog (decoded batches, encoded messages,
/// intermediate state), the scoring service's resident size stays above what a restart with the same state needs.
/// Releasing when the catch-up ends measured 101 → 90 MB at 20 000 enterprises and 263 → 258 MB at 100 000
/// (docs/performance.md "## Scoring"; the rest of the gap is fragmentation trimming cannot return). `malloc_trim`
/// is a bounded walk of the heap (milliseconds), so it runs only when a catch-up of at least ``threshold`` entries
/// ends.
enum HeapRelease {
    /// Entries applied since the last release before a caught-up moment releases again.
    static let threshold = 10_000

    /// Returns free heap pages to the system (no-op where `malloc_trim` does not exist).
    static func releaseFreedMemory() {
        trim?(0)
    }

    /// glibc's `malloc_trim`, looked up once (Swift's `Glibc` module does not import `malloc.h`).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
