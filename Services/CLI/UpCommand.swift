import ArgumentParser
import Foundation
import ServiceKit
import ZeroMQ

/// `kechuang up`: the supervisor. Starts every service, watches readiness, restarts crashes, stops on Ctrl-C.
struct UpCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start and supervise every service (启动全部服务).",
        discussion: """
            Starts kechuang-ingest, then kechuang-metrics (each once the previous one is ready), found next to \
            `kechuang` or in KECHUANG_BIN_DIR. Logs go to <home>/logs/<service>.log. A crashed service restarts \
            with exponential backoff. Ctrl-C or SIGTERM (or `kechuang down`) stops them in reverse order.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Configuration file (JSON): directories, endpoints, catalog override, services enabled, restart policy.")
    var config: String?

    @Option(name: .customLong("bin-dir"), help: "Folder holding the service executables (env KECHUANG_BIN_DIR; default: next to kechuang).")
    var binDirectory: String?

    @Option(name: .customLong("ready-file"), help: "Write this file once every service is ready (removed on exit).")
    var readyFile: String?

    @Option(name: .customLong("only"), parsing: .upToNextOption, help: "Start only these services (names: ingest, metrics).")
    var only: [String] = []

    @Flag(name: .customLong("logs"), help: "Also copy service log lines to the terminal.")
    var logToTerminal = false

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        let settings = try resolveSettings(environment: ProcessInfo.processInfo.environment)
        let stateFile = SupervisorStateFile.path(runDirectory: settings.directories.runDirectory.value)
        if let existing = try SupervisorStateFile.read(runDirectory: settings.directories.runDirectory.value) {
            if existing.isSupervisorAlive, existing.pid != getpid() {
                throw CLIError.invalidArgument(
                    name: "run directory", value: settings.directories.runDirectory.value,
                    expected: "no other supervisor (pid \(existing.pid) is running; stop it with `kechuang down`)")
            }
            try? FileManager.default.removeItem(atPath: stateFile)
        }
        let code = try await Supervisor(settings: settings).run()
        if code != 0 { throw ExitCode(code) }
    }

    /// Resolves directories (flags > config file > environment > defaults), binaries, endpoints and environments,
    /// and prepares the directories (run and data 0700, logs).
    func resolveSettings(environment: [String: String]) throws -> SupervisorSettings {
        let file = try config.map(UpConfiguration.load(path:))
        let resolver = ConfigResolver(environment: environment)
        let directories = try KechuangDirectories.resolve(
            home: common.home ?? file?.home, runDirectory: common.runDirectory ?? file?.runDirectory,
            dataDirectory: common.dataDirectory ?? file?.dataDirectory, resolver: resolver)
        // Everything `kechuang up` and its children create (supervisor.json, logs, databases, sockets) is private to
        // the user: 0600 files, 0700 directories. Children inherit the mask.
        umask(0o077)
        var created = try directories.prepare()
        let logDirectory = (directories.home.value as NSString).appendingPathComponent("logs")
        created += try KechuangDirectories.preparePrivateDirectory(logDirectory)
        for case let .created(path) in created {
            FileHandle.standardError.write(Data("kechuang up: created \(path) (mode 0700)\n".utf8))
        }
        let binDirectory = binDirectory ?? environment["KECHUANG_BIN_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Bundle.main.executableURL?.deletingLastPathComponent().path ?? "."
        var services = ServiceDefinition.all.filter { file?.services?[$0.name]?.enabled ?? true }
        if !only.isEmpty {
            let unknown = only.filter { ServiceDefinition.named($0) == nil }
            guard unknown.isEmpty else {
                throw CLIError.invalidArgument(
                    name: "--only", value: unknown.joined(separator: ","),
                    expected: ServiceDefinition.all.map(\.name).joined(separator: ", "))
            }
            services = services.filter { only.contains($0.name) }
        }
        guard !services.isEmpty else {
            throw CLIError.invalidArgument(name: "services", value: "none", expected: "at least one enabled service")
        }
        var endpoints: [EndpointName: String] = [:]
        for service in ServiceDefinition.all {
            for name in service.endpoints {
                endpoints[name] = try directories.resolveEndpoint(name, flag: file?.endpoints?[name.rawValue], resolver: resolver).value
            }
        }
        var shared = environment
        shared[KechuangDirectories.homeVariable] = directories.home.value
        shared[KechuangDirectories.runDirectoryVariable] = directories.runDirectory.value
        shared[KechuangDirectories.dataDirectoryVariable] = directories.dataDirectory.value
        for (name, url) in endpoints { shared[name.environmentKey] = url }
        if let level = common.logLevel { shared[LoggingBootstrap.levelVariable] = level }
        if let format = common.logFormat { shared[LoggingBootstrap.formatVariable] = format }
        if let catalog = file?.catalogOverride { shared["KECHUANG_CATALOG"] = catalog }
        // CURVE flags given to `kechuang up` reach every service (per-service keys go in the config file's
        // `services.<name>.environment`).
        let curve: [(String?, String)] = [
            (common.curveSecretKey, CurveSettings.secretKeyVariable),
            (common.curveAllowedClients, CurveSettings.allowedClientsVariable),
            (common.curveServerKeys, CurveSettings.serverKeysVariable),
        ]
        for case let (path?, key) in curve { shared[key] = KechuangDirectories.absolutePath(path) }
        if common.insecureTCP { shared[CurveSettings.insecureTCPVariable] = "1" }
        var environments: [String: [String: String]] = [:]
        var arguments: [String: [String]] = [:]
        for service in services {
            var own = shared
            for (key, value) in file?.services?[service.name]?.environment ?? [:] { own[key] = value }
            try Self.checkTCPSecurity(of: service, endpoints: endpoints, environment: own)
            environments[service.name] = own
            arguments[service.name] = file?.services?[service.name]?.arguments ?? []
        }
        let settings = SupervisorSettings(
            services: services, directories: directories, logDirectory: logDirectory, binDirectory: binDirectory,
            endpoints: endpoints, arguments: arguments, environment: environments,
            policy: file?.restart ?? SupervisorPolicy(), logToTerminal: logToTerminal || (file?.logToTerminal ?? false),
            readyFile: readyFile)
        for service in services where !FileManager.default.isExecutableFile(atPath: settings.executablePath(service)) {
            throw CLIError.unreadable(
                path: settings.executablePath(service),
                reason: "service executable missing; build it (swift build -c release) or set KECHUANG_BIN_DIR / --bin-dir")
        }
        return settings
    }

    /// Refuses, before anything starts, a service that would bind a `tcp://` endpoint without CURVE keys in its
    /// environment (the service itself would refuse too, and the supervisor would only see it crash); plaintext is
    /// accepted only with `KECHUANG_INSECURE_TCP` on a loopback address. Key files are checked by the service.
    static func checkTCPSecurity(
        of service: ServiceDefinition, endpoints: [EndpointName: String], environment: [String: String]
    ) throws {
        func isSet(_ key: String) -> Bool { !(environment[key] ?? "").isEmpty }
        let insecure = environment[CurveSettings.insecureTCPVariable].flatMap(Bool.parseConfig) ?? false
        for name in service.endpoints {
            guard let endpoint = endpoints[name], endpoint.hasPrefix("tcp://") else { continue }
            if isSet(CurveSettings.secretKeyVariable) && isSet(CurveSettings.allowedClientsVariable) { continue }
            if insecure && TransportSecurity.isLoopback(endpoint) { continue }
            throw CLIError.invalidArgument(
                name: "endpoint \(name.rawValue)", value: endpoint,
                expected: "CURVE keys for \(service.name) (\(CurveSettings.secretKeyVariable) and "
                    + "\(CurveSettings.allowedClientsVariable) in its environment, or --curve-secret-key and "
                    + "--curve-allowed-clients): tcp:// endpoints are never exposed without CURVE "
                    + "(docs/operations.md, \"TCP and CURVE\")")
        }
    }
}
