import Foundation

/// The `kechuang up --config FILE` file (JSON; every field optional):
/// ```json
/// {
///   "home": "/srv/kechuang", "runDirectory": "/run/kechuang", "dataDirectory": "/srv/kechuang/data",
///   "catalogOverride": "/etc/kechuang/catalog-override.json",
///   "endpoints": {"ingest.req": "tcp://127.0.0.1:5701"},
///   "services": {"metrics": {"enabled": true, "arguments": [], "environment": {"KECHUANG_LOG_LEVEL": "debug"}}},
///   "restart": {"initialBackoffMilliseconds": 250, "maxBackoffMilliseconds": 60000, "maxRapidCrashes": 5, "giveUpOnCrashLoop": false},
///   "logToTerminal": false
/// }
/// ```
/// Flags win over the file; the file wins over the environment and defaults.
struct UpConfiguration: Codable, Sendable, Hashable {
    /// Per-service settings.
    struct ServiceSettings: Codable, Sendable, Hashable {
        /// Start this service (default true).
        var enabled: Bool?
        /// Extra command-line arguments.
        var arguments: [String]?
        /// Extra environment variables.
        var environment: [String: String]?
    }

    /// Kechuang home.
    var home: String?
    /// Run directory (sockets).
    var runDirectory: String?
    /// Data directory (databases).
    var dataDirectory: String?
    /// Catalog override file, passed to services as `KECHUANG_CATALOG`.
    var catalogOverride: String?
    /// Endpoint overrides by endpoint name (`ingest.req` …), passed as `KECHUANG_ENDPOINT_*`.
    var endpoints: [String: String]?
    /// Per-service settings by service name.
    var services: [String: ServiceSettings]?
    /// Restart and timeout policy.
    var restart: SupervisorPolicy?
    /// Also copy service log lines to the terminal.
    var logToTerminal: Bool?

    /// Reads and checks a configuration file (unknown service names and endpoint names are errors).
    static func load(path: String) throws -> UpConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.invalidConfig(path: path, reason: "no such file or not readable")
        }
        let configuration: UpConfiguration
        do {
            configuration = try JSONDecoder().decode(UpConfiguration.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw CLIError.invalidConfig(path: path, reason: context.debugDescription)
        } catch let DecodingError.typeMismatch(type, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw CLIError.invalidConfig(path: path, reason: "field \(field): expected \(type)")
        } catch {
            throw CLIError.invalidConfig(path: path, reason: "\(error)")
        }
        let knownServices = Set(ServiceDefinition.all.map(\.name))
        for name in (configuration.services ?? [:]).keys where !knownServices.contains(name) {
            throw CLIError.invalidConfig(path: path, reason: "unknown service \"\(name)\" (known: \(knownServices.sorted().joined(separator: ", ")))")
        }
        let knownEndpoints = Set(ServiceDefinition.all.flatMap(\.endpoints).map(\.rawValue))
        for name in (configuration.endpoints ?? [:]).keys where !knownEndpoints.contains(name) {
            throw CLIError.invalidConfig(path: path, reason: "unknown endpoint \"\(name)\" (known: \(knownEndpoints.sorted().joined(separator: ", ")))")
        }
        return configuration
    }
}
