import CZeroMQ
import Foundation

/// One frame (part) of a ZeroMQ message. A multipart message is `[Frame]`.
///
/// Frames are immutable values and `Sendable`. A received frame keeps the underlying `zmq_msg_t` alive and
/// exposes its bytes without copying (`withUnsafeBytes`, `data`); `bytes` and `string` copy on demand.
/// Frames built from Swift values copy the input once; large ones (≥ ``zeroCopyThreshold`` bytes) are then
/// sent without further copies (`zmq_msg_init_data` with a release callback). Small ones are copied into the
/// message, which is what libzmq does internally anyway and is cheaper than sharing.
public struct Frame: Sendable, Equatable, CustomStringConvertible {
    enum Storage: Sendable {
        case empty
        case owned(OwnedBuffer)
        case received(SharedReceivedMessage)
    }

    let storage: Storage

    /// Frames at least this large are sent zero-copy; smaller ones are copied into the libzmq message.
    public static let zeroCopyThreshold = 4096

    init(storage: Storage) { self.storage = storage }

    /// Wraps a received message.
    init(received message: ReceivedMessage) {
        storage = .received(SharedReceivedMessage(message: message))
    }

    /// An empty frame (e.g. the delimiter between a routing envelope and the body).
    public init() { storage = .empty }

    /// A frame holding a copy of `data`.
    public init(_ data: Data) {
        storage = data.isEmpty ? .empty : .owned(data.withUnsafeBytes { OwnedBuffer(copying: $0) })
    }

    /// A frame holding a copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        storage = bytes.isEmpty ? .empty : .owned(bytes.withUnsafeBytes { OwnedBuffer(copying: $0) })
    }

    /// A frame holding a copy of the raw bytes.
    public init(copying buffer: UnsafeRawBufferPointer) {
        storage = buffer.isEmpty ? .empty : .owned(OwnedBuffer(copying: buffer))
    }

    /// A frame holding the UTF-8 encoding of `string`.
    public init(string: String) {
        var copy = string
        storage = copy.withUTF8 { utf8 in
            utf8.isEmpty ? .empty : .owned(OwnedBuffer(copying: UnsafeRawBufferPointer(utf8)))
        }
    }

    /// Number of bytes in the frame.
    public var count: Int {
        switch storage {
        case .empty: return 0
        case .owned(let buffer): return buffer.count
        case .received(let shared): return shared.message.count
        }
    }

    /// `true` when the frame has no bytes.
    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the frame's bytes, without copying. The pointer is valid only inside `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .empty:
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        case .owned(let buffer):
            return try withExtendedLifetime(buffer) {
                try body(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
            }
        case .received(let shared):
            let message = shared.message
            return try withExtendedLifetime(message) {
                try body(UnsafeRawBufferPointer(start: message.base, count: message.count))
            }
        }
    }

    /// The bytes as `Data`. Frames of at least ``zeroCopyThreshold`` bytes share their storage with the
    /// returned `Data` (kept alive by it); smaller ones are copied, which is cheaper.
    public var data: Data {
        switch storage {
        case .empty:
            return Data()
        case .owned(let buffer):
            guard let base = buffer.base else { return Data() }
            if buffer.count < Self.zeroCopyThreshold { return Data(bytes: base, count: buffer.count) }
            return Data(bytesNoCopy: base, count: buffer.count, deallocator: .custom { _, _ in
                withExtendedLifetime(buffer) {}
            })
        case .received(let shared):
            let message = shared.message
            guard let base = message.base else { return Data() }
            if message.count < Self.zeroCopyThreshold { return Data(bytes: base, count: message.count) }
            return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: message.count,
                        deallocator: .custom { _, _ in withExtendedLifetime(message) {} })
        }
    }

    /// A copy of the bytes as an array.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// The bytes decoded as UTF-8, or `nil` when they are not valid UTF-8.
    public var string: String? {
        withUnsafeBytes { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self)
        }
    }

    /// Whether the frame starts with `prefix` (the rule SUB sockets use for filtering).
    public func hasPrefix(_ prefix: [UInt8]) -> Bool {
        withUnsafeBytes { raw in
            raw.count >= prefix.count && zip(raw, prefix).allSatisfy { $0 == $1 }
        }
    }

    /// Frames are equal when their bytes are equal.
    public static func == (lhs: Frame, rhs: Frame) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                guard left.count == right.count else { return false }
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
                return memcmp(leftBase, rightBase, left.count) == 0
            }
        }
    }

    /// The text when it is short valid UTF-8, otherwise the size.
    public var description: String {
        if count <= 64, let text = string { return "Frame(\"\(text)\")" }
        return "Frame(\(count) bytes)"
    }

    /// Initialises `message` with this frame's bytes for sending: small frames are copied into the message,
    /// large ones are shared zero-copy (`zmq_msg_init_data`, releasing a retain on the storage when libzmq is done).
    func initialize(message: UnsafeMutablePointer<zmq_msg_t>) throws(ZMQError) {
        switch storage {
        case .empty:
            zmq_msg_init(message)
        case .owned(let buffer):
            try Self.initialize(message, base: buffer.base.map(UnsafeRawPointer.init), count: buffer.count, owner: buffer)
        case .received(let shared):
            let received = shared.message
            try Self.initialize(message, base: received.base, count: received.count, owner: received)
        }
    }

    private static func initialize(
        _ message: UnsafeMutablePointer<zmq_msg_t>, base: UnsafeRawPointer?, count: Int, owner: AnyObject
    ) throws(ZMQError) {
        guard let base, count > 0 else {
            zmq_msg_init(message)
            return
        }
        if count < zeroCopyThreshold {
            if zmq_msg_init_size(message, count) != 0 { throw ZMQError.current("zmq_msg_init_size") }
            zmq_msg_data(message)?.copyMemory(from: base, byteCount: count)
            return
        }
        let hint = Unmanaged.passRetained(owner).toOpaque()
        // libzmq never writes through the data pointer of a message it sends.
        if zmq_msg_init_data(message, UnsafeMutableRawPointer(mutating: base), count, releaseFrameStorage, hint) != 0 {
            Unmanaged<AnyObject>.fromOpaque(hint).release()
            throw ZMQError.current("zmq_msg_init_data")
        }
    }
}
