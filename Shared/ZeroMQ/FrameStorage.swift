import CZeroMQ
import Synchronization

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

/// A received `zmq_msg_t`, kept alive so its bytes can be read without copying.
final class ReceivedMessage: @unchecked Sendable {
    // @unchecked: after `init` the message is only read (`base`/`count` are cached), except by
    // `copy(into:)`, which libzmq's `zmq_msg_copy` mutates (shared flag) and which is serialised by `copyLock`.
    let message: UnsafeMutablePointer<zmq_msg_t>
    let base: UnsafeRawPointer?
    let count: Int
    private let copyLock = Mutex(())

    /// Takes ownership of an initialised, received message.
    init(taking message: UnsafeMutablePointer<zmq_msg_t>) {
        self.message = message
        count = zmq_msg_size(message)
        base = count > 0 ? UnsafeRawPointer(zmq_msg_data(message)) : nil
    }

    /// Initialises `destination` as a reference-counted copy of this message (no byte copy for large messages).
    func copy(into destination: UnsafeMutablePointer<zmq_msg_t>) throws(ZMQError) {
        zmq_msg_init(destination)
        let rc = copyLock.withLock { _ in zmq_msg_copy(destination, message) }
        if rc != 0 { throw ZMQError.current("zmq_msg_copy") }
    }

    deinit {
        zmq_msg_close(message)
        message.deinitialize(count: 1)
        message.deallocate()
    }
}

/// Releases the retain taken on an `OwnedBuffer` when libzmq no longer needs its bytes.
/// May run on a libzmq I/O thread; Swift reference counting is thread-safe.
let releaseOwnedBuffer: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { _, hint in
    guard let hint else { return }
    Unmanaged<OwnedBuffer>.fromOpaque(hint).release()
}
