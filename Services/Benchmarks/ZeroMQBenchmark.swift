import CZeroMQ
import Foundation
import ZeroMQ

/// PUSH/PULL throughput of 100-byte messages over `ipc://`: direct libzmq C calls, the wrapper's synchronous
/// ``Socket`` API (single-frame calls, and the multipart `[Frame]` calls), and the async ``SocketLoop`` bridge.
/// Prints `zmq.push_pull.* msgs/s=…` lines.
///
/// Each synchronous variant sends on one dedicated thread and receives on another; the clock runs from the start of
/// sending until the last message is received. Both sides do the same work: the sender's bytes are copied into a
/// new libzmq message, the receiver receives into a `zmq_msg_t` (reused while free) and reads its size. The C and
/// wrapper runs alternate and the best of each is kept, because the machine is shared; CPU per message (all
/// threads of the process, including libzmq's I/O thread) is the steadier comparison.
/// `KECHUANG_BENCH_ZMQ_ONLY=c|wrapper|multipart` runs one variant (for profiling).
enum ZeroMQBenchmark {
    /// Messages per run; `KECHUANG_BENCH_ZMQ_MESSAGES` overrides.
    static let messageCount: Int = {
        if let text = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ZMQ_MESSAGES"], let value = Int(text),
           value > 0 { return value }
        return 1_000_000
    }()
    static let messageSize = 100
    static let rounds = 5

    /// Runs every ZeroMQ benchmark and prints the results.
    static func run() async {
        do {
            let directory = try makeRunDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var bestC = Measurement()
            var bestWrapper = Measurement()
            var bestMultipart = Measurement()
            let only = ProcessInfo.processInfo.environment["KECHUANG_BENCH_ZMQ_ONLY"]
            for round in 0..<rounds {
                if only == nil || only == "c" {
                    let endpoint = "ipc://\(directory)/c\(round)"
                    bestC.merge(try await onThread { try directC(endpoint: endpoint) })
                }
                if only == nil || only == "wrapper" {
                    let endpoint = "ipc://\(directory)/w\(round)"
                    bestWrapper.merge(try await onThread { try wrapper(endpoint: endpoint) })
                }
                if only == nil || only == "multipart" {
                    let endpoint = "ipc://\(directory)/m\(round)"
                    bestMultipart.merge(try await onThread { try wrapper(endpoint: endpoint, multipart: true) })
                }
            }
            if only != nil {
                print("zmq.push_pull.c msgs/s=\(format(bestC.rate)) wrapper msgs/s=\(format(bestWrapper.rate))"
                      + " multipart msgs/s=\(format(bestMultipart.rate))")
                return
            }
            let loopRate = try await socketLoop(endpoint: "ipc://\(directory)/loop")
            print("zmq.push_pull.c        msgs/s=\(format(bestC.rate)) cpu_ns/msg=\(format(bestC.cpuNanosecondsPerMessage))"
                  + " messages=\(messageCount) size=\(messageSize) rounds=\(rounds)")
            print("zmq.push_pull.wrapper  msgs/s=\(format(bestWrapper.rate)) ratio_vs_c=\(ratio(bestWrapper.rate, bestC.rate))"
                  + " cpu_ns/msg=\(format(bestWrapper.cpuNanosecondsPerMessage))"
                  + " cpu_ratio_c_vs_wrapper=\(ratio(bestC.cpuNanosecondsPerMessage, bestWrapper.cpuNanosecondsPerMessage))")
            print("zmq.push_pull.multipart msgs/s=\(format(bestMultipart.rate)) ratio_vs_c=\(ratio(bestMultipart.rate, bestC.rate))"
                  + " cpu_ns/msg=\(format(bestMultipart.cpuNanosecondsPerMessage))"
                  + " cpu_ratio_c_vs_multipart=\(ratio(bestC.cpuNanosecondsPerMessage, bestMultipart.cpuNanosecondsPerMessage))")
            print("zmq.push_pull.loop     msgs/s=\(format(loopRate)) ratio_vs_c=\(ratio(loopRate, bestC.rate))")
            print("zmq.push_pull.note     msgs/s is the best of \(rounds) wall-clock runs (noisy on a shared machine);"
                  + " cpu_ns/msg is process CPU per message, the steadier cost comparison")
        } catch {
            print("zmq benchmark failed: \(error)")
        }
    }

    /// One run: wall-clock rate and process CPU time (all threads, incl. libzmq I/O) per message.
    struct Measurement: Sendable {
        var rate = 0.0
        var cpuNanosecondsPerMessage = Double.infinity

        /// Keeps the best rate and the lowest CPU cost seen.
        mutating func merge(_ other: Measurement) {
            rate = max(rate, other.rate)
            cpuNanosecondsPerMessage = min(cpuNanosecondsPerMessage, other.cpuNanosecondsPerMessage)
        }
    }

    /// Process CPU time (user + system) in nanoseconds.
    private static func processCPUNanoseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) * 1e9 + Double(usage.ru_utime.tv_usec) * 1e3
        let system = Double(usage.ru_stime.tv_sec) * 1e9 + Double(usage.ru_stime.tv_usec) * 1e3
        return user + system
    }

    // MARK: Direct C

    private struct Handle: @unchecked Sendable {
        // @unchecked: each raw socket is used by exactly one thread in the benchmark.
        let raw: UnsafeMutableRawPointer
    }

    private struct CFailure: Error, CustomStringConvertible {
        let call: String
        var description: String { "\(call) failed: errno \(zmq_errno())" }
    }

    /// Direct libzmq calls, the baseline: `zmq_send` from a buffer (libzmq copies it into a new message, as
    /// `Socket.send(_:)` does for small frames) and `zmq_msg_recv` into one reused `zmq_msg_t` (no copy, no
    /// truncation: the same semantics as the wrapper's received frames).
    static func directC(endpoint: String) throws -> Measurement {
        guard let context = zmq_ctx_new() else { throw CFailure(call: "zmq_ctx_new") }
        defer { zmq_ctx_term(context) }
        guard let pull = zmq_socket(context, ZMQ_PULL), let push = zmq_socket(context, ZMQ_PUSH) else {
            throw CFailure(call: "zmq_socket")
        }
        guard zmq_bind(pull, endpoint) == 0 else { throw CFailure(call: "zmq_bind") }
        guard zmq_connect(push, endpoint) == 0 else { throw CFailure(call: "zmq_connect") }
        let count = messageCount
        let size = messageSize
        let sender = Handle(raw: push)
        let done = DispatchSemaphore(value: 0)
        let cpuStart = processCPUNanoseconds()
        let start = ContinuousClock.now
        let thread = Thread {
            var payload = [UInt8](repeating: 0x2a, count: size)
            payload.withUnsafeMutableBytes { buffer in
                for _ in 0..<count { _ = zmq_send(sender.raw, buffer.baseAddress, size, 0) }
            }
            done.signal()
        }
        thread.start()
        // Receive into one reused zmq_msg_t (no truncation, no copy), as the wrapper does.
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        var received = 0
        var bytes = 0
        while received < count {
            if zmq_msg_recv(&message, pull, 0) >= 0 {
                bytes &+= zmq_msg_size(&message)
                received += 1
            }
        }
        zmq_msg_close(&message)
        let elapsed = ContinuousClock.now - start
        if bytes != count * size { print("zmq.push_pull.c received \(bytes) bytes, expected \(count * size)") }
        done.wait()
        var linger: Int32 = 0
        zmq_setsockopt(push, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        let cpu = processCPUNanoseconds() - cpuStart
        zmq_close(push)
        zmq_close(pull)
        return Measurement(rate: rate(count, elapsed), cpuNanosecondsPerMessage: cpu / Double(count))
    }

    // MARK: Wrapper, synchronous

    /// The wrapper's synchronous API. `multipart == false`: the single-frame calls `Socket.send(_:more:dontWait:)`
    /// and `Socket.receiveFrame()`; `multipart == true`: `Socket.send(_ frames: [Frame])` and
    /// `Socket.receiveMultipart()` (one `[Frame]` per message). Frames are zmq_msg_t-backed on receipt.
    static func wrapper(endpoint: String, multipart: Bool = false) throws -> Measurement {
        let context = try Context()
        let pull = try context.socket(.pull)
        try pull.bind(endpoint)
        let count = messageCount
        // A stalled run fails instead of hanging; the sender closes only after everything arrived (a bounded
        // linger would otherwise drop what is still queued when the receiver lags on a busy machine).
        try pull.set(.receiveTimeout(.seconds(30)))
        let frame = Frame([UInt8](repeating: 0x2a, count: messageSize))
        let done = DispatchSemaphore(value: 0)
        let allReceived = DispatchSemaphore(value: 0)
        let cpuStart = processCPUNanoseconds()
        let start = ContinuousClock.now
        let thread = Thread {
            do {
                let push = try context.socket(.push)
                try push.connect(endpoint)
                if multipart {
                    let message = [frame]
                    for _ in 0..<count { try push.send(message) }
                } else {
                    for _ in 0..<count { try push.send(frame) }
                }
                allReceived.wait()
                push.close()
            } catch {
                print("zmq.push_pull.wrapper sender failed: \(error)")
            }
            done.signal()
        }
        thread.start()
        var received = 0
        var bytes = 0
        var signalled = false
        defer { if !signalled { allReceived.signal() } }
        if multipart {
            while received < count {
                guard let message = try pull.receiveMultipart() else { throw CFailure(call: "receive (timed out)") }
                bytes &+= message[0].count
                received += 1
            }
        } else {
            while received < count {
                guard let (frame, _) = try pull.receiveFrame() else { throw CFailure(call: "receive (timed out)") }
                bytes &+= frame.count
                received += 1
            }
        }
        let elapsed = ContinuousClock.now - start
        allReceived.signal()
        signalled = true
        done.wait()
        let cpu = processCPUNanoseconds() - cpuStart
        pull.close()
        if bytes != count * messageSize { print("zmq.push_pull.wrapper received \(bytes) bytes") }
        return Measurement(rate: rate(count, elapsed), cpuNanosecondsPerMessage: cpu / Double(count))
    }

    // MARK: SocketLoop, async

    /// The async bridge: `LoopSocket.trySend` (awaiting `send` every 1000 messages for backpressure) and
    /// `for await` over `incoming`, the sockets on two separate loop threads.
    static func socketLoop(endpoint: String) async throws -> Double {
        let receiverLoop = try SocketLoop(name: "bench.pull")
        let senderLoop = try SocketLoop(name: "bench.push")
        let pull = try await receiverLoop.open(.pull) { try $0.bind(endpoint) }
        let push = try await senderLoop.open(.push) { try $0.connect(endpoint) }
        let count = messageCount
        let message = [Frame([UInt8](repeating: 0x2a, count: messageSize))]
        let start = ContinuousClock.now
        // The sender is a child task, finished before the loops shut down.
        let elapsed = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for index in 0..<count {
                    // Awaiting every 1000th send keeps trySend far below its queue bound.
                    if index % 1000 == 999 { try await push.send(message) } else { try push.trySend(message) }
                }
            }
            var received = 0
            for await _ in pull.incoming {
                received += 1
                if received == count { break }
            }
            let elapsed = ContinuousClock.now - start
            try await group.waitForAll()
            return elapsed
        }
        await senderLoop.shutdown()
        await receiverLoop.shutdown()
        return rate(count, elapsed)
    }

    // MARK: Helpers

    /// Runs blocking libzmq work on a dedicated thread (never on the cooperative pool) and awaits its result.
    private static func onThread(
        _ body: @escaping @Sendable () throws -> Measurement
    ) async throws -> Measurement {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "bench.receiver"
            thread.start()
        }
    }

    private static func makeRunDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "kq-bench-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    private static func rate(_ count: Int, _ elapsed: Duration) -> Double {
        let (seconds, attoseconds) = elapsed.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return total > 0 ? Double(count) / total : 0
    }

    private static func format(_ value: Double) -> String { String(Int(value.rounded())) }

    private static func ratio(_ value: Double, _ baseline: Double) -> String {
        guard baseline > 0 else { return "n/a" }
        return String(format: "%.2f", value / baseline)
    }
}
