/// Failures of the integration-test process helper, each with what a developer needs to act.
enum ServiceProcessError: Error, CustomStringConvertible {
    /// The executable was not built.
    case binaryMissing(name: String, searched: [String])
    /// The process ended before printing its readiness line.
    case exitedBeforeReady(name: String, status: Int32?, stderrTail: String)
    /// No readiness line within the timeout.
    case notReady(name: String, timeout: Duration, stderrTail: String)
    /// The process did not exit after SIGTERM (it was killed).
    case didNotExit(name: String, timeout: Duration, stderrTail: String)
    /// The readiness line lacks an endpoint.
    case missingEndpoint(service: String, name: String, known: [String])
    /// A temporary directory could not be created.
    case temporaryDirectory(errno: Int32)
    /// A process exit cannot be watched (no pidfd support).
    case processWatchUnavailable(reason: String)

    var description: String {
        switch self {
        case let .binaryMissing(name, searched):
            "executable \(name) not found in \(searched.joined(separator: ", ")); run swift build first "
                + "(e.g. swift build --scratch-path .build-ingest --product \(name)) or set KECHUANG_BIN_DIR"
        case let .exitedBeforeReady(name, status, tail):
            "\(name) exited (status \(status.map(String.init) ?? "?")) before it was ready; stderr:\n\(tail)"
        case let .notReady(name, timeout, tail):
            "\(name) printed no readiness line within \(timeout); stderr:\n\(tail)"
        case let .didNotExit(name, timeout, tail):
            "\(name) did not exit within \(timeout) of SIGTERM and was killed; stderr:\n\(tail)"
        case let .missingEndpoint(service, name, known):
            "\(service) announced no endpoint \(name) (it announced \(known.joined(separator: ", ")))"
        case let .temporaryDirectory(errno):
            "could not create a temporary directory under /tmp (errno \(errno))"
        case let .processWatchUnavailable(reason):
            "cannot watch a process exit: \(reason)"
        }
    }
}
