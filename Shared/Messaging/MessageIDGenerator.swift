import Foundation
import Synchronization

/// Produces compact, process-unique message ids: `<8 hex random prefix>-<ms since epoch, hex>-<counter hex>`,
/// e.g. `3f9a2c10-19c3f2a8e10-2a`. Cheap (one atomic increment) and unique across restarts because of
/// the random prefix and the time component.
public final class MessageIDGenerator: Sendable {
    private let prefix: String
    private let counter = Atomic<UInt64>(0)

    /// Creates a generator with a fresh random prefix.
    public init() {
        let random = UInt32.random(in: 0...UInt32.max)
        let hex = String(random, radix: 16)
        self.prefix = String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The next id.
    public func next(now milliseconds: Int64 = MessageClock.nowMilliseconds()) -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        return prefix + "-" + String(UInt64(bitPattern: milliseconds), radix: 16) + "-" + String(count, radix: 16)
    }
}

/// The clock used for header timestamps.
public enum MessageClock {
    /// Milliseconds since the Unix epoch, now.
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
