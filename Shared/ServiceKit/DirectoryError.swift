#if canImport(Glibc)
import Glibc
#endif
/// Run/data directory and ipc endpoint problems, each naming the path and what to do.
public enum DirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An `ipc://` path exceeds the kernel's `sun_path` limit.
    case ipcPathTooLong(endpoint: String, length: Int, limit: Int)
    /// The path exists but is not a directory.
    case notADirectory(path: String)
    /// The directory belongs to another user, so its mode cannot be trusted or fixed.
    case notOwnedByCurrentUser(path: String, owner: UInt32, currentUser: UInt32)
    /// Creating the directory failed.
    case creationFailed(path: String, errno: Int32)
    /// An existing directory gives group or other users access (`mode`, octal); Kechuang does not change the mode of
    /// a directory it did not create.
    case tooOpen(path: String, mode: UInt32)
    /// Reading or changing the directory's mode failed.
    case permissionChangeFailed(path: String, errno: Int32)
    /// The home directory could not be determined (no `HOME`, no `KECHUANG_HOME`).
    case homeUnknown
    /// The directory (or file) exists but this process cannot write to it (`reason`: the system's words, e.g.
    /// "Permission denied", "Read-only file system"). A restart cannot cure this.
    case notWritable(path: String, reason: String)

    /// Explanation naming the path, the limit and the remedy.
    public var description: String {
        switch self {
        case let .ipcPathTooLong(endpoint, length, limit):
            return "ipc endpoint \(endpoint) has a \(length)-byte path, over the kernel limit of \(limit) bytes; "
                + "set a shorter KECHUANG_RUN_DIR (or --run-dir), e.g. /tmp/kechuang-$USER"
        case let .notADirectory(path):
            return "\(path) exists but is not a directory"
        case let .notOwnedByCurrentUser(path, owner, currentUser):
            return "\(path) is owned by uid \(owner), not the current user \(currentUser); refusing to use it as a private directory"
        case let .tooOpen(path, mode):
            return "\(path) exists with mode 0\(String(mode, radix: 8)), open to other users; Kechuang does not change the "
                + "mode of a directory it did not create: make it private (chmod 700 \(path)) or point Kechuang at "
                + "another directory (--run-dir/KECHUANG_RUN_DIR, --data-dir/KECHUANG_DATA_DIR, --home/KECHUANG_HOME)"
        case let .creationFailed(path, errno):
            return "cannot create directory \(path): errno \(errno)"
        case let .permissionChangeFailed(path, errno):
            return "cannot set mode 0700 on \(path): errno \(errno)"
        case .homeUnknown:
            return "cannot determine the Kechuang home: set KECHUANG_HOME or HOME"
        case let .notWritable(path, reason):
            return "\(path) is not writable by uid \(getuid()) (\(reason)); Kechuang must create and write its files there. "
                + "Fix: make it writable by this user (chown \(getuid()) \(path) && chmod 700 \(path); for a read-only "
                + "file system, remount it read-write), or point Kechuang at another directory "
                + "(--data-dir/KECHUANG_DATA_DIR, --run-dir/KECHUANG_RUN_DIR, --home/KECHUANG_HOME). Restarting will not help"
        }
    }
}
