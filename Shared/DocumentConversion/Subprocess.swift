import Foundation

/// How a finished subprocess ended.
public struct SubprocessResult: Sendable {
    /// Exit status, or the signal number when `signaled`.
    public var status: Int32
    /// Whether a signal ended it.
    public var signaled: Bool
    /// Standard output (at most the cap; see `outputOverflow`).
    public var output: Data
    /// Standard error (at most 64 KiB).
    public var errorOutput: Data
    /// Killed because it ran past the deadline.
    public var timedOut: Bool
    /// Killed because its output passed the cap.
    public var outputOverflow: Bool
    /// From the launch to the exit, as the runner's own thread observed it (not when the awaiting task resumed,
    /// which a busy process can delay).
    public var duration: Duration
}

/// Runs a program with bytes on its standard input and collects its output, with a deadline and an output cap.
/// All blocking work (writing, reading, waiting) happens on dedicated threads, never on Swift's cooperative pool;
/// the async caller only awaits a continuation.
public enum Subprocess {
    /// Largest standard error kept.
    static let maxErrorBytes = 64 * 1024

    /// Runs `executable` with `arguments`, feeding `input`; kills it (SIGKILL) after `timeout` or once its output
    /// passes `maxOutputBytes`.
    /// - Throws: the launch error (e.g. the executable does not exist).
    public static func run(
        executable: String, arguments: [String], input: Data, timeout: Duration, maxOutputBytes: Int
    ) async throws -> SubprocessResult {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SubprocessResult, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result {
                    try runBlocking(executable: executable, arguments: arguments, input: input, timeout: timeout,
                                    maxOutputBytes: maxOutputBytes)
                })
            }
            thread.name = "kechuang.subprocess"
            thread.start()
        }
    }

    /// The blocking implementation (call only from a dedicated thread).
    static func runBlocking(
        executable: String, arguments: [String], input: Data, timeout: Duration, maxOutputBytes: Int
    ) throws -> SubprocessResult {
        // Writing to a child that died must fail with EPIPE, not kill this process.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        // The exit is observed twice, whichever comes first: by a thread of our own blocked in `waitid` (which
        // leaves the child to be reaped), and by Foundation's termination handler. Foundation learns of exits from a
        // SIGCHLD source on Dispatch's global queue, which a busy process starves for seconds (the deadline test saw
        // 18 s); the thread of our own answers as soon as the kernel does. The handler is the fallback for a child
        // Foundation reaped before `waitid` was called.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let launched = ContinuousClock.now
        try process.run()
        let pid = process.processIdentifier
        let state = KillState()
        let observed = ObservedExit()
        let waiter = Thread {
            var info = siginfo_t()
            while true {
                if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0 {
                    let code = info.si_code
                    let value = info._sifields._sigchld.si_status
                    observed.record(status: value, signaled: code == CLD_KILLED || code == CLD_DUMPED)
                    exited.signal()
                    return
                }
                if errno != EINTR { return }
            }
        }
        waiter.name = "kechuang.subprocess.wait"
        waiter.start()

        let writer = Thread {
            let fd = stdin.fileHandleForWriting.fileDescriptor
            input.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if written < 0 { if errno == EINTR { continue } else { break } }
                    offset += written
                }
            }
            try? stdin.fileHandleForWriting.close()
        }
        writer.name = "kechuang.subprocess.stdin"
        writer.start()

        let outputDone = DispatchSemaphore(value: 0), errorDone = DispatchSemaphore(value: 0)
        let collected = Collected()
        startReader(stdout.fileHandleForReading, limit: maxOutputBytes, done: outputDone) { chunk, total in
            if total > maxOutputBytes {
                state.overflow()
                kill(pid, SIGKILL)
                return false
            }
            collected.appendOutput(chunk)
            return true
        }
        startReader(stderr.fileHandleForReading, limit: maxErrorBytes, done: errorDone) { chunk, total in
            if total <= maxErrorBytes { collected.appendError(chunk) }
            return true
        }
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        if exited.wait(timeout: .now() + .milliseconds(max(1, milliseconds))) == .timedOut {
            state.timeOut()
            kill(pid, SIGKILL)
            exited.wait()
        }
        let duration = ContinuousClock.now - launched
        outputDone.wait()
        errorDone.wait()
        // `waitid`'s answer when it had one; otherwise the termination handler has run, so Foundation's is set.
        let (status, signaled) = observed.value
            ?? (process.terminationStatus, process.terminationReason == .uncaughtSignal)
        return SubprocessResult(
            status: status, signaled: signaled, output: collected.output,
            errorOutput: collected.errors, timedOut: state.timedOut, outputOverflow: state.overflowed,
            duration: duration)
    }

    private static func startReader(
        _ handle: FileHandle, limit: Int, done: DispatchSemaphore, onChunk: @escaping @Sendable (Data, Int) -> Bool
    ) {
        let thread = Thread {
            let fd = handle.fileDescriptor
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var total = 0
            var keep = true
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                total += count
                if keep { keep = onChunk(Data(buffer[0..<count]), total) }
            }
            try? handle.close()
            done.signal()
        }
        thread.name = "kechuang.subprocess.reader"
        thread.start()
    }
}

/// Why the runner killed the child (set from reader and waiting threads).
private final class KillState: @unchecked Sendable {
    private let lock = NSLock()
    private var _timedOut = false
    private var _overflowed = false
    var timedOut: Bool { lock.withLock { _timedOut } }
    var overflowed: Bool { lock.withLock { _overflowed } }
    func timeOut() { lock.withLock { _timedOut = true } }
    func overflow() { lock.withLock { _overflowed = true } }
}

/// How the child ended, as `waitid` told the waiting thread.
private final class ObservedExit: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: (status: Int32, signaled: Bool)?
    var value: (status: Int32, signaled: Bool)? { lock.withLock { _value } }
    func record(status: Int32, signaled: Bool) { lock.withLock { _value = (status, signaled) } }
}

/// Output gathered by the reader threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var _output = Data()
    private var _errors = Data()
    var output: Data { lock.withLock { _output } }
    var errors: Data { lock.withLock { _errors } }
    func appendOutput(_ chunk: Data) { lock.withLock { _output.append(chunk) } }
    func appendError(_ chunk: Data) { lock.withLock { _errors.append(chunk) } }
}
