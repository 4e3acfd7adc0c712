import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exclusive ownership of an `ipc://` endpoint, taken before binding it.
///
/// Claiming an `ipc://<path>` endpoint:
/// 1. refuses paths longer than ``maximumPathLength`` bytes (the kernel's `sun_path` limit) before libzmq sees them;
/// 2. creates the parent (runtime) directory with mode 0700 if it does not exist;
/// 3. opens `<path>.lock` and takes `flock(LOCK_EX | LOCK_NB)`: if another socket — in this process or another —
///    holds it, the claim fails with ``EndpointError/alreadyBound(endpoint:lockPath:)`` (never stealing the endpoint);
/// 4. having the lock proves any previous owner is gone, so a leftover socket file at `<path>` is stale and is
///    unlinked (anything that is not a socket is left alone and reported).
///
/// The lock is held until ``release()`` (called by ``Socket/unbind(_:)`` and ``Socket/close()``), which removes
/// the lock file while still holding it. Claims re-check that the locked file is still the one at `<path>.lock`,
/// so a concurrent release cannot give two owners. Other transports (`tcp://`, `inproc://`) need no guard.
public final class EndpointGuard {
    /// Longest `ipc://` path accepted, in bytes (`sizeof(sun_path) - 1` on Linux).
    public static let maximumPathLength = 107

    /// The endpoint as given, e.g. `ipc:///run/user/1000/kechuang/ingest.pub`.
    public let endpoint: String
    /// The socket file path.
    public let path: String
    /// The lock file path (`<path>.lock`).
    public let lockPath: String
    private var lockDescriptor: Int32

    private init(endpoint: String, path: String, lockPath: String, lockDescriptor: Int32) {
        self.endpoint = endpoint
        self.path = path
        self.lockPath = lockPath
        self.lockDescriptor = lockDescriptor
    }

    deinit { release() }

    /// The filesystem path of an `ipc://` endpoint, or `nil` for other transports.
    public static func ipcPath(of endpoint: String) -> String? {
        let scheme = "ipc://"
        guard endpoint.hasPrefix(scheme) else { return nil }
        return String(endpoint.dropFirst(scheme.count))
    }

    /// Validates an endpoint without claiming it: `ipc://` path length and non-emptiness.
    public static func validate(_ endpoint: String) throws(EndpointError) {
        guard let path = ipcPath(of: endpoint) else { return }
        if path.isEmpty { throw .emptyPath(endpoint: endpoint) }
        let length = path.utf8.count
        if length > maximumPathLength {
            throw .pathTooLong(endpoint: endpoint, length: length, limit: maximumPathLength)
        }
    }

    /// Claims `endpoint` if it is `ipc://` (see the type's documentation); returns `nil` for other transports
    /// and for abstract (`ipc://@name`) or wildcard (`ipc://*`) endpoints, which have no file to guard.
    public static func claim(_ endpoint: String) throws(EndpointError) -> EndpointGuard? {
        try validate(endpoint)
        guard let path = ipcPath(of: endpoint), !path.hasPrefix("@"), path != "*" else { return nil }
        try ensureRuntimeDirectory(for: path)
        let lockPath = path + ".lock"
        let descriptor = try lock(endpoint: endpoint, lockPath: lockPath)
        let claimed = EndpointGuard(endpoint: endpoint, path: path, lockPath: lockPath, lockDescriptor: descriptor)
        try claimed.removeStaleSocket()
        return claimed
    }

    /// Releases the lock (idempotent) and removes the lock file while still holding it.
    public func release() {
        guard lockDescriptor >= 0 else { return }
        unlink(lockPath)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// libzmq removes an ipc socket file asynchronously (on its I/O thread) after unbind/close. Waits briefly
    /// (at most 250 ms) for that, so a new owner's file is never removed by our late cleanup.
    func waitForSocketFileRemoval() {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(250))
        var status = stat()
        while lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK && ContinuousClock.now < deadline {
            sched_yield()
            usleep(500)
        }
    }

    private static func ensureRuntimeDirectory(for path: String) throws(EndpointError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .runtimeDirectoryUnusable(path: directory, reason: "not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .runtimeDirectoryUnusable(path: directory, reason: "\(error)")
        }
        // Enforce 0700 regardless of the umask.
        if chmod(directory, 0o700) != 0 {
            throw .runtimeDirectoryUnusable(path: directory, reason: "chmod 0700 failed (errno \(errno))")
        }
    }

    private static func lock(endpoint: String, lockPath: String) throws(EndpointError) -> Int32 {
        for _ in 0..<8 {
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if descriptor < 0 { throw .lockFailed(endpoint: endpoint, lockPath: lockPath, errno: errno) }
            var rc: Int32
            repeat { rc = flock(descriptor, LOCK_EX | LOCK_NB) } while rc != 0 && errno == EINTR
            if rc != 0 {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK { throw .alreadyBound(endpoint: endpoint, lockPath: lockPath) }
                throw .lockFailed(endpoint: endpoint, lockPath: lockPath, errno: code)
            }
            // The previous owner may have unlinked the file between our open and flock: then retry.
            var held = stat()
            var current = stat()
            if fstat(descriptor, &held) == 0, stat(lockPath, &current) == 0,
               held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                return descriptor
            }
            close(descriptor)
        }
        throw .lockFailed(endpoint: endpoint, lockPath: lockPath, errno: EAGAIN)
    }

    private func removeStaleSocket() throws(EndpointError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFSOCK else {
            release()
            throw .pathOccupied(endpoint: endpoint, path: path)
        }
        if unlink(path) != 0 && errno != ENOENT {
            let code = errno
            release()
            throw .staleSocketNotRemovable(endpoint: endpoint, path: path, errno: code)
        }
    }
}
