#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wakes a ``SocketLoop`` thread blocked in `zmq_poll`.
///
/// A non-blocking pipe polled as a plain file descriptor. Chosen over an inproc PAIR pair because any thread may
/// write to a pipe concurrently without a lock (a PAIR socket is not thread-safe, so every sender would have to
/// serialise around it), and over `eventfd` because it is portable POSIX. Wake-ups are coalesced by the mailbox
/// (at most one byte is in flight per drain), so the pipe never fills.
final class WakeSignal: Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws(ZMQError) {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) != 0 { throw ZMQError(code: errno, operation: "pipe") }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Makes the read end readable (never blocks).
    func signal() {
        var byte: UInt8 = 1
        while write(writeDescriptor, &byte, 1) < 0 && errno == EINTR {}
    }

    /// Consumes every pending wake-up byte (loop thread only).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
            if count > 0 { continue }
            if count < 0 && errno == EINTR { continue }
            return
        }
    }
}
