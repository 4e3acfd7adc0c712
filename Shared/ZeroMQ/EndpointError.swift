/// Why an endpoint could not be prepared or claimed before libzmq was asked to bind it.
public enum EndpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The `ipc://` path is longer than the kernel's `sun_path` limit.
    case pathTooLong(endpoint: String, length: Int, limit: Int)
    /// Another socket (in this or another process) holds the endpoint's lock file.
    case alreadyBound(endpoint: String, lockPath: String)
    /// The runtime directory for an `ipc://` path could not be created or is not a directory.
    case runtimeDirectoryUnusable(path: String, reason: String)
    /// The lock file could not be opened or locked for a reason other than contention.
    case lockFailed(endpoint: String, lockPath: String, errno: Int32)
    /// Something that is not a socket occupies the `ipc://` path; it is never deleted.
    case pathOccupied(endpoint: String, path: String)
    /// A stale socket file could not be removed.
    case staleSocketNotRemovable(endpoint: String, path: String, errno: Int32)
    /// The `ipc://` endpoint has an empty path.
    case emptyPath(endpoint: String)

    /// A one-line explanation naming the endpoint and the limit or file involved.
    public var description: String {
        switch self {
        case let .pathTooLong(endpoint, length, limit):
            return "ipc endpoint \(endpoint) has a \(length)-byte path; the limit is \(limit) bytes"
        case let .alreadyBound(endpoint, lockPath):
            return "endpoint \(endpoint) is already bound by another socket (lock \(lockPath) is held)"
        case let .runtimeDirectoryUnusable(path, reason):
            return "runtime directory \(path) is unusable: \(reason)"
        case let .lockFailed(endpoint, lockPath, code):
            return "cannot lock \(lockPath) for endpoint \(endpoint) (errno \(code))"
        case let .pathOccupied(endpoint, path):
            return "endpoint \(endpoint): \(path) exists and is not a socket; refusing to remove it"
        case let .staleSocketNotRemovable(endpoint, path, code):
            return "endpoint \(endpoint): cannot remove stale socket file \(path) (errno \(code))"
        case let .emptyPath(endpoint):
            return "ipc endpoint \(endpoint) has an empty path"
        }
    }
}
