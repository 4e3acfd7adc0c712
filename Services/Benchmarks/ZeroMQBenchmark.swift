import CZeroMQ
import Foundation
import ZeroMQ

/// PUSH/PULL throughput of 100-byte messages over `ipc://`: direct libzmq C calls, the wrapper's synchronous
/// ``Socket`` API, and the async ``SocketLoop`` bridge. Prints `zmq.push_pull.* msgs/s=…` lines.
///
/// Each synchronous variant sends on one dedicated thread and receives on another; the clock runs from the start of
/// sending until the last message is received. The C and wrapper runs alternate and the best of each is kept,
/// because the machine is shared.
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
            }
            if only != nil {
                print("zmq.push_pull.c msgs/s=\(format(bestC.rate)) wrapper msgs/s=\(format(bestWrapper.rate))")
                return
            }
            let loopRate = try await socketLoop(endpoint: "ipc://\(directory)/loop")
            print("zmq.push_pull.c        msgs/s=\(format(bestC.rate)) cpu_ns/msg=\(format(bestC.cpuNanosecondsPerMessage))"
                  + " messages=\(messageCount) size=\(messageSize) rounds=\(rounds)")
            print("zmq.push_pull.wrapper  msgs/s=\(format(bestWrapper.rate)) ratio_vs_c=\(ratio(bestWrapper.rate, bestC.rate))"
                  + " cpu_ns/msg=\(format(bestWrapper.cpuNanosecondsPerMessage))"
                  + " cpu_ratio_c_vs_wrapper=\(ratio(bestC.cpuNanosecondsPerMessage, bestWrapper.cpuNanosecondsPerMessage))")
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

    /// Direct `zmq_send` / `zmq_recv` with a fixed receive buffer: the baseline.
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
        var buffer = [UInt8](repeating: 0, count: 256)
        var received = 0
        buffer.withUnsafeMutableBytes { raw in
            while received < count {
                if zmq_recv(pull, raw.baseAddress, raw.count, 0) >= 0 { received += 1 }
            }
        }
        let elapsed = ContinuousClock.now - start
        done.wait()
        var linger: Int32 = 0
        zmq_setsockopt(push, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        let cpu = processCPUNanoseconds() - cpuStart
        zmq_close(push)
        zmq_close(pull)
        return Measurement(rate: rate(count, elapsed), cpuNanosecondsPerMessage: cpu / Double(count))
    }

    // MARK: Wrapper, synchronous

    /// The wrapper's synchronous API: `Socket.send(_:)` and `Socket.receiveMultipart()` (zmq_msg_t-backed frames).
    static func wrapper(endpoint: String) throws -> Measurement {
        let context = try Context()
        let pull = try context.socket(.pull)
        try pull.bind(endpoint)
        let count = messageCount
        let frame = Frame([UInt8](repeating: 0x2a, count: messageSize))
        let done = DispatchSemaphore(value: 0)
        let cpuStart = processCPUNanoseconds()
        let start = ContinuousClock.now
        let thread = Thread {
            do {
                let push = try context.socket(.push)
                try push.connect(endpoint)
                let message = [frame]
                for _ in 0..<count { try push.send(message) }
                push.close()
            } catch {
                print("zmq.push_pull.wrapper sender failed: \(error)")
            }
            done.signal()
        }
        thread.start()
        var received = 0
        var bytes = 0
        while received < count {
            guard let message = try pull.receiveMultipart() else { continue }
            bytes &+= message.count
            received += 1
        }
        let elapsed = ContinuousClock.now - start
        done.wait()
        let cpu = processCPUNanoseconds() - cpuStart
        pull.close()
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
        let sender = Task {
            for index in 0..<count {
                if index % 1000 == 999 { try await push.send(message) } else { push.trySend(message) }
            }
        }
        var received = 0
        for await _ in pull.incoming {
            received += 1
            if received == count { break }
        }
        let elapsed = ContinuousClock.now - start
        try await sender.value
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
