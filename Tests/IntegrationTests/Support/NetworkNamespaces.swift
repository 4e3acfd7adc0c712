import Foundation

/// Two network namespaces joined by a veth pair: two "hosts" on one machine (`ip netns`, needs root).
///
/// ``create()`` builds `kc<id>a` (10.201.N.1/24) and `kc<id>b` (10.201.N.2/24) with their loopback up;
/// ``remove()`` deletes both (which deletes the veth pair). Every `ip` call is bounded (10 s).
struct NetworkNamespaces: Sendable {
    /// Where `ip` lives.
    static let ipTool = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Why namespaces cannot be used here, or `nil` when they can: tries to add and delete a probe namespace.
    static let unavailableReason: String? = {
        guard let ipTool else { return "the iproute2 `ip` tool is not installed" }
        let probe = "kcprobe\(getpid())"
        let added = run([ipTool, "netns", "add", probe])
        guard added.status == 0 else { return "`ip netns add` is not permitted here: \(added.output)" }
        _ = run([ipTool, "netns", "del", probe])
        return nil
    }()

    /// The namespace of host A (ingest).
    let hostA: String
    /// The namespace of host B (metrics).
    let hostB: String
    /// Host A's address.
    let addressA: String
    /// Host B's address.
    let addressB: String

    /// `ip netns exec <namespace>`: the launcher that runs a command on that host.
    func launcher(_ namespace: String) -> [String] {
        [Self.ipTool ?? "ip", "netns", "exec", namespace]
    }

    /// Creates both namespaces and the link; on any failure removes what was made and throws.
    static func create() throws -> NetworkNamespaces {
        guard let ip = ipTool else { throw NamespaceError(command: "ip", output: "not installed") }
        let id = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        let subnet = Int.random(in: 1...250)
        let spaces = NetworkNamespaces(
            hostA: "kc\(id)a", hostB: "kc\(id)b", addressA: "10.201.\(subnet).1", addressB: "10.201.\(subnet).2")
        let vethA = "kv\(id)a", vethB = "kv\(id)b"
        let steps: [[String]] = [
            [ip, "netns", "add", spaces.hostA],
            [ip, "netns", "add", spaces.hostB],
            [ip, "link", "add", vethA, "type", "veth", "peer", "name", vethB],
            [ip, "link", "set", vethA, "netns", spaces.hostA],
            [ip, "link", "set", vethB, "netns", spaces.hostB],
            [ip, "-n", spaces.hostA, "addr", "add", spaces.addressA + "/24", "dev", vethA],
            [ip, "-n", spaces.hostB, "addr", "add", spaces.addressB + "/24", "dev", vethB],
            [ip, "-n", spaces.hostA, "link", "set", vethA, "up"],
            [ip, "-n", spaces.hostB, "link", "set", vethB, "up"],
            [ip, "-n", spaces.hostA, "link", "set", "lo", "up"],
            [ip, "-n", spaces.hostB, "link", "set", "lo", "up"],
        ]
        for step in steps {
            let result = run(step)
            if result.status != 0 {
                spaces.remove()
                _ = run([ip, "link", "del", vethA])
                throw NamespaceError(command: step.joined(separator: " "), output: result.output)
            }
        }
        return spaces
    }

    /// Deletes both namespaces (and with them the veth pair). Idempotent.
    func remove() {
        guard let ip = Self.ipTool else { return }
        _ = Self.run([ip, "netns", "del", hostA])
        _ = Self.run([ip, "netns", "del", hostB])
    }

    /// Runs a command to completion (at most 10 s, then SIGKILL); its status and combined output.
    @discardableResult
    static func run(_ command: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { return (-1, "\(error)") }
        if done.wait(timeout: .now() + 10) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// An `ip` command failed.
struct NamespaceError: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "`\(command)` failed: \(output)" }
}
