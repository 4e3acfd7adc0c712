import CZeroMQ
import Foundation

/// One frame (part) of a ZeroMQ message. A multipart message is `[Frame]`.
///
/// Frames are immutable values and `Sendable`. A received frame keeps the underlying `zmq_msg_t` alive and
/// exposes its bytes without copying (`withUnsafeBytes`, `data`); `bytes` and `string` copy on demand.
/// Frames built from Swift values copy the input once; large ones (≥ ``zeroCopyThreshold`` bytes) are then
/// sent without further copies (`zmq_msg_init_data` with a release callback). Small ones are copied into the
/// message, which is what libzmq does internally anyway and is cheaper than sharing.
public struct Frame: @unchecked Sendable, Equatable, CustomStringConvertible {
    // @unchecked: `owner` is either an `OwnedBuffer` (written once in its init) or a `ReceivedMessage` (written only
    // by `receive` before any frame refers to it); both are immutable while shared, and reference counts are atomic.

    /// Keeps the bytes alive: an `OwnedBuffer`, a `ReceivedMessage`, or `nil` for an empty frame.
    @usableFromInline let owner: AnyObject?
    /// Start of the bytes (`nil` when empty), cached so reading a frame needs no dynamic dispatch or retain.
    @usableFromInline let base: UnsafeRawPointer?
    /// Number of bytes in the frame.
    public let count: Int

    /// Frames at least this large are sent zero-copy; smaller ones are copied into the libzmq message.
    public static let zeroCopyThreshold = 4096

    private init(owner: AnyObject?, base: UnsafeRawPointer?, count: Int) {
        self.owner = owner
        self.base = base
        self.count = count
    }

    private init(buffer: OwnedBuffer?) {
        if let buffer, let base = buffer.base {
            self.init(owner: buffer, base: UnsafeRawPointer(base), count: buffer.count)
        } else {
            self.init(owner: nil, base: nil, count: 0)
        }
    }

    /// Wraps a received message.
    init(received message: ReceivedMessage) {
        let header = message.header
        self.init(owner: message, base: header.base, count: header.base == nil ? 0 : header.count)
    }

    /// An empty frame (e.g. the delimiter between a routing envelope and the body).
    public init() { self.init(owner: nil, base: nil, count: 0) }

    /// A frame holding a copy of `data`.
    public init(_ data: Data) {
        self.init(buffer: data.isEmpty ? nil : data.withUnsafeBytes { OwnedBuffer(copying: $0) })
    }

    /// A frame holding a copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.init(buffer: bytes.isEmpty ? nil : bytes.withUnsafeBytes { OwnedBuffer(copying: $0) })
    }

    /// A frame holding a copy of the raw bytes.
    public init(copying buffer: UnsafeRawBufferPointer) {
        self.init(buffer: buffer.isEmpty ? nil : OwnedBuffer(copying: buffer))
    }

    /// A frame holding the UTF-8 encoding of `string`.
    public init(string: String) {
        var copy = string
        self.init(buffer: copy.withUTF8 { utf8 in
            utf8.isEmpty ? nil : OwnedBuffer(copying: UnsafeRawBufferPointer(utf8))
        })
    }

    /// `true` when the frame has no bytes.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the frame's bytes, without copying. The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeRawBufferPointer(start: base, count: count)) }
    }

    /// The bytes as `Data`. Frames of at least ``zeroCopyThreshold`` bytes share their storage with the
    /// returned `Data` (kept alive by it); smaller ones are copied, which is cheaper.
    public var data: Data {
        guard let base, let owner else { return Data() }
        if count < Self.zeroCopyThreshold {
            return withExtendedLifetime(owner) { Data(bytes: base, count: count) }
        }
        let keeper = SharedOwner(object: owner)
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: count,
                    deallocator: .custom { _, _ in withExtendedLifetime(keeper) {} })
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
        // The caller holds this frame while libzmq copies small bytes, so only the zero-copy path touches `owner`.
        guard let base, count > 0 else {
            zmq_msg_init(message)
            return
        }
        if count < Self.zeroCopyThreshold {
            if zmq_msg_init_size(message, count) != 0 { throw ZMQError.current("zmq_msg_init_size") }
            zmq_msg_data(message)?.copyMemory(from: base, byteCount: count)
            return
        }
        guard let owner else {
            zmq_msg_init(message)
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
