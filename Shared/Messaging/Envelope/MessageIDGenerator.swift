import Foundation
import Synchronization

/// Produces compact, process-unique message ids: `<8 hex random prefix>-<ms since epoch, hex>-<counter hex>`,
/// e.g. `3f9a2c10-19c3f2a8e10-2a`. Cheap (one atomic increment) and unique across restarts because of
/// the random prefix and the time component.
public final class MessageIDGenerator: Sendable {
    private let prefix: [UInt8]
    private let counter = Atomic<UInt64>(0)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Creates a generator with a fresh random prefix.
    public init() {
        let random = UInt32.random(in: 0...UInt32.max)
        let hex = Array(String(random, radix: 16).utf8)
        self.prefix = Array(repeating: UInt8(ascii: "0"), count: 8 - hex.count) + hex
    }

    /// The next id.
    public func next(now milliseconds: Int64 = MessageClock.nowMilliseconds()) -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        bytes.append(contentsOf: prefix)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(UInt64(bitPattern: milliseconds), to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.appendHex(count, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        var shift = max(0, (64 - value.leadingZeroBitCount + 3) / 4 * 4 - 4)
        while true {
            bytes.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
            if shift == 0 { break }
            shift -= 4
        }
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
