import Foundation

/// How a service process ends when it cannot start. A cause a restart cannot cure — a directory it cannot write, an
/// invalid setting — ends it with ``permanentFailure`` (78, sysexits `EX_CONFIG`), which `kechuang up` takes as
/// "do not restart" (the other services keep running); anything else is an ordinary failure, restarted with backoff.
public enum ServiceExit {
    /// The exit code for "restarting will not help".
    public static let permanentFailure: Int32 = 78

    /// Whether `error` is a cause a restart cannot cure.
    public static func isPermanent(_ error: any Error) -> Bool {
        switch error {
        case is DirectoryError, is ConfigurationError: true
        default: false
        }
    }

    /// For a permanent `error`: writes one line naming it to stderr (`<service>: cannot start: …`) and exits with
    /// ``permanentFailure``. Returns for any other error (the caller reports it its usual way).
    public static func exitIfPermanent(_ error: any Error, service: String) {
        guard isPermanent(error) else { return }
        StandardErrorSink.shared.write(line: "\(service): cannot start: \(error)")
        exit(permanentFailure)
    }
}
