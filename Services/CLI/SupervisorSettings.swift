import ServiceKit

/// Everything `kechuang up` resolved before starting: directories, binaries, endpoints, policy.
struct SupervisorSettings: Sendable {
    /// Services to run, in start order.
    var services: [ServiceDefinition]
    /// Home, run and data directories.
    var directories: KechuangDirectories
    /// `<home>/logs`.
    var logDirectory: String
    /// Folder holding the service executables.
    var binDirectory: String
    /// Endpoint URLs by endpoint name.
    var endpoints: [EndpointName: String]
    /// Extra arguments per service.
    var arguments: [String: [String]]
    /// Environment of every child (the supervisor's, plus directories, endpoints and per-service extras).
    var environment: [String: [String: String]]
    /// Restart and timeout rules.
    var policy: SupervisorPolicy
    /// Echo service log lines to the terminal.
    var logToTerminal: Bool
    /// Written once every service is ready.
    var readyFile: String?

    /// The executable path of `service`.
    func executablePath(_ service: ServiceDefinition) -> String {
        binDirectory.hasSuffix("/") ? binDirectory + service.executable : binDirectory + "/" + service.executable
    }
}
