import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's headless `chromium` (installed by `compose/setup.sh`), run once per page: `--dump-dom` for the DOM after
/// the page's scripts ran, `--screenshot` for a PNG. Tests using it are enabled only when ``executable`` exists.
enum Chromium {
    /// The browser: `KECHUANG_CHROMIUM` if set, else the first of `chromium`, `chromium-browser`, `google-chrome`
    /// found on `PATH` (or in /usr/bin); nil when none is installed.
    static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["KECHUANG_CHROMIUM"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                return directory + "/" + name
            }
        }
        return nil
    }()

    /// Whether a headless browser is installed (for `.enabled(if:)`).
    static var isInstalled: Bool { executable != nil }

    /// What a run printed and how it ended.
    struct Run: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The flags every run uses: new headless mode, no sandbox (tests may run as root in containers), no GPU, a
    /// profile of its own in `profile` (runs never share state). The page is captured after its load event (the
    /// deferred scripts have run by then). No `--virtual-time-budget`: an open `EventSource` is a request that never
    /// completes, so virtual time would never advance and chromium would hang.
    static func baseArguments(profile: String) -> [String] {
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--user-data-dir=\(profile)",
        ]
    }

    /// `chromium … --dump-dom url`: the serialised DOM after the load event (deferred scripts have run).
    static func dumpDOM(_ url: String, profile: String, timeout: Duration = .seconds(90)) async throws -> String {
        let run = try await self.run(baseArguments(profile: profile) + ["--dump-dom", url], timeout: timeout)
        guard run.status == 0, !run.stdout.isEmpty else {
            throw Failure(description: "chromium --dump-dom \(url) exited \(run.status): \(run.stderr.suffix(2000))")
        }
        return run.stdout
    }

    /// `chromium … --screenshot=path --window-size=1920,1080 url`: a PNG of the page as a wall screen shows it.
    static func screenshot(_ url: String, to path: String, profile: String,
                           timeout: Duration = .seconds(90)) async throws {
        let run = try await self.run(
            baseArguments(profile: profile)
                + ["--hide-scrollbars", "--screenshot=\(path)", "--window-size=1920,1080", url],
            timeout: timeout)
        guard run.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "chromium --screenshot \(url) exited \(run.status): \(run.stderr.suffix(2000))")
        }
    }

    /// Runs the browser with `arguments`, killed (SIGKILL to its process group) past `timeout`.
    static func run(_ arguments: [String], timeout: Duration) async throws -> Run {
        guard let executable else { throw Failure(description: "chromium is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exit = AsyncLatch<Int32>()
        process.terminationHandler = { exit.resolve($0.terminationStatus) }
        let stdout = OutputLines(name: "chromium.stdout"), stderr = OutputLines(name: "chromium.stderr")
        try process.run()
        stdout.drain(outPipe.fileHandleForReading)
        stderr.drain(errPipe.fileHandleForReading)
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
        guard let status = await exit.wait(timeout: timeout) else {
            kill(process.processIdentifier, SIGKILL)
            _ = await exit.wait(timeout: .seconds(10))
            throw Failure(description: "chromium \(arguments.last ?? "") did not finish within \(timeout): \(stderr.tail())")
        }
        _ = await stdout.waitClosed(timeout: .seconds(10))
        _ = await stderr.waitClosed(timeout: .seconds(10))
        return Run(status: status, stdout: stdout.lines.joined(separator: "\n"), stderr: stderr.tail())
    }
}
