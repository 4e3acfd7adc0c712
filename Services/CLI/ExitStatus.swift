/// How a child process ended.
enum ExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// It called `exit(code)`.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// `exit 0`, `signal 9 (SIGKILL)`.
    var description: String {
        switch self {
        case let .exited(code): "exit \(code)"
        case let .signaled(signal):
            switch signal {
            case 9: "signal 9 (SIGKILL)"
            case 15: "signal 15 (SIGTERM)"
            case 2: "signal 2 (SIGINT)"
            case 6: "signal 6 (SIGABRT)"
            case 11: "signal 11 (SIGSEGV)"
            default: "signal \(signal)"
            }
        }
    }
}
