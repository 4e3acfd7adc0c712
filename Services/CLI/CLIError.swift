import Contracts

/// A failure the CLI reports to the user (one line naming the file, endpoint or value at fault).
enum CLIError: Error, CustomStringConvertible, Equatable {
    /// A file or folder could not be read.
    case unreadable(path: String, reason: String)
    /// A document's kind could not be detected; `--kind` is needed.
    case unknownKind(path: String, reason: String)
    /// A command-line value is invalid.
    case invalidArgument(name: String, value: String, expected: String)
    /// A service did not answer.
    case serviceUnavailable(service: String, endpoint: String, reason: String)
    /// A reply was not what the protocol promises.
    case protocolViolation(String)
    /// The supervisor is not running (no state file in the run directory).
    case supervisorNotRunning(stateFile: String)
    /// A configuration file is invalid.
    case invalidConfig(path: String, reason: String)
    /// Output could not be written.
    case writeFailed(path: String, reason: String)
    /// A query found nothing (or nothing unambiguous).
    case notFound(String)
    /// A PDF, DOCX or HTML file could not be turned into text; `code` is the rejection ingest would give.
    case conversion(path: String, code: RejectionCode, reason: String)

    var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .unknownKind(path, reason): "cannot tell the kind of \(path) (\(reason)); pass --kind report|filing|events|subjects"
        case let .invalidArgument(name, value, expected): "invalid value \"\(value)\" for \(name): expected \(expected)"
        case let .serviceUnavailable(service, endpoint, reason): "服务不可用 \(service) at \(endpoint): \(reason)"
        case let .protocolViolation(detail): "unexpected reply: \(detail)"
        case let .supervisorNotRunning(stateFile): "supervisor not running (no \(stateFile)); start it with `kechuang up`"
        case let .invalidConfig(path, reason): "invalid configuration \(path): \(reason)"
        case let .writeFailed(path, reason): "cannot write \(path): \(reason)"
        case let .notFound(detail): "未找到 not found: \(detail)"
        case let .conversion(path, code, reason): "cannot convert \(path): \(code.rawValue): \(reason)"
        }
    }
}
