import CZeroMQ

/// Immutable heap bytes owned by a `Frame` built from Swift values.
///
/// Large buffers are handed to libzmq without copying (`zmq_msg_init_data`): the free callback releases the
/// retain taken for libzmq, so the bytes live until both Swift and libzmq are done with them.
final class OwnedBuffer: @unchecked Sendable {
    // @unchecked: the memory is written once in `init` and never mutated afterwards.
    let base: UnsafeMutableRawPointer?
    let count: Int

    init(copying source: UnsafeRawBufferPointer) {
        count = source.count
        if let sourceBase = source.baseAddress, source.count > 0 {
            let memory = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 16)
            memory.copyMemory(from: sourceBase, byteCount: source.count)
            base = memory
        } else {
            base = nil
        }
    }

    deinit { base?.deallocate() }
}

/// Where a received message's bytes are (cached once after `zmq_msg_recv`).
struct ReceivedMessageHeader {
    var base: UnsafeRawPointer?
    var count: Int
}

/// A received `zmq_msg_t`, kept alive so its bytes can be read without copying.
///
/// The message is tail-allocated in the object itself (one allocation per frame besides libzmq's own).
/// Forwarding a received frame never mutates the message: it is re-sent zero-copy with `zmq_msg_init_data`
/// and a retain on this object.
final class ReceivedMessage: ManagedBuffer<ReceivedMessageHeader, zmq_msg_t> {
    // Shared across threads through `Frame`: the message is written only by `receive` before the object is shared; afterwards it is
    // only read (through the cached header) and finally closed in `deinit`.

    /// A new, initialised empty message ready for `zmq_msg_recv`.
    static func make() -> ReceivedMessage {
        let buffer = create(minimumCapacity: 1) { _ in ReceivedMessageHeader(base: nil, count: 0) }
        let message = unsafeDowncast(buffer, to: ReceivedMessage.self)
        message.withUnsafeMutablePointerToElements { element in
            element.initialize(to: zmq_msg_t())
            zmq_msg_init(element)
        }
        return message
    }

    /// Receives into the message. Returns the `zmq_msg_recv` result; on success the header is filled in.
    func receive(from socket: UnsafeMutableRawPointer, flags: Int32) -> Int32 {
        let rc = withUnsafeMutablePointerToElements { zmq_msg_recv($0, socket, flags) }
        if rc >= 0 {
            header = withUnsafeMutablePointerToElements { element in
                let count = zmq_msg_size(element)
                return ReceivedMessageHeader(base: count > 0 ? UnsafeRawPointer(zmq_msg_data(element)) : nil,
                                             count: count)
            }
        }
        return rc
    }

    /// Whether more parts of the same multipart message follow.
    var more: Bool { withUnsafeMutablePointerToElements { zmq_msg_more($0) != 0 } }

    var base: UnsafeRawPointer? { header.base }
    var count: Int { header.count }

    deinit {
        withUnsafeMutablePointerToElements { element in
            zmq_msg_close(element)
            _ = element.deinitialize(count: 1)
        }
    }
}

/// Carries a frame's owner (an immutable `OwnedBuffer` or received `ReceivedMessage`) into a `Data` deallocator.
struct SharedOwner: @unchecked Sendable {
    // @unchecked: the owners are immutable while shared (see `Frame`); reference counts are atomic.
    let object: AnyObject
}

/// Releases the retain taken on a frame's storage object when libzmq no longer needs its bytes.
/// May run on a libzmq I/O thread; Swift reference counting is thread-safe.
let releaseFrameStorage: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { _, hint in
    guard let hint else { return }
    Unmanaged<AnyObject>.fromOpaque(hint).release()
}
