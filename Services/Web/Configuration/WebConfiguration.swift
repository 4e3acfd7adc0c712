import Foundation
import ServiceKit

/// Everything `kechuang-web` needs to start, resolved once (flags > environment > defaults).
public struct WebConfiguration: Sendable {
    /// Directories, log level and format.
    public var environment: ServiceEnvironment
    /// Metrics PUB endpoint to follow.
    public var metricsPublish: String
    /// Metrics sync endpoint (snapshot, replay, history).
    public var metricsSync: String
    /// Scoring PUB endpoint to follow.
    public var scoringPublish: String
    /// Scoring sync endpoint (snapshot, replay).
    public var scoringSync: String
    /// Scoring request endpoint (subject lookups, rankings).
    public var scoringRequest: String
    /// Status ROUTER to bind.
    public var webRequest: String
    /// HTTP bind address.
    public var host: String
    /// HTTP port (0: any free port, tests).
    public var port: Int
    /// The bearer token every request must carry, if any (required for a non-loopback bind).
    public var token: String?
    /// Server-Sent Events clients at once.
    public var maxLiveClients: Int
    /// Events queued per live client before it is dropped.
    public var liveBuffer: Int
    /// Longest wait, per followed stream, before announcing readiness anyway.
    public var readyTimeout: Duration
    /// Timeout of one request to metrics or scoring.
    public var requestTimeout: Duration

    /// Creates a configuration directly (tests, benchmarks).
    public init(
        environment: ServiceEnvironment, metricsPublish: String, metricsSync: String, scoringPublish: String,
        scoringSync: String, scoringRequest: String, webRequest: String, host: String = "127.0.0.1", port: Int = 8480,
        token: String? = nil, maxLiveClients: Int = 64, liveBuffer: Int = 256, readyTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(2)
    ) {
        self.environment = environment
        self.metricsPublish = metricsPublish
        self.metricsSync = metricsSync
        self.scoringPublish = scoringPublish
        self.scoringSync = scoringSync
        self.scoringRequest = scoringRequest
        self.webRequest = webRequest
        self.host = host
        self.port = port
        self.token = token
        self.maxLiveClients = maxLiveClients
        self.liveBuffer = liveBuffer
        self.readyTimeout = readyTimeout
        self.requestTimeout = requestTimeout
    }

    /// Environment variable of `--host`.
    public static let hostVariable = "KECHUANG_WEB_HOST"
    /// Environment variable of `--port`.
    public static let portVariable = "KECHUANG_WEB_PORT"
    /// Environment variable of `--allow-remote`.
    public static let allowRemoteVariable = "KECHUANG_WEB_ALLOW_REMOTE"
    /// Environment variable of `--token-file`.
    public static let tokenFileVariable = "KECHUANG_WEB_TOKEN_FILE"
    /// Environment variable of `--create-token`.
    public static let createTokenVariable = "KECHUANG_WEB_CREATE_TOKEN"
    /// Environment variable of `--max-live-clients`.
    public static let maxLiveClientsVariable = "KECHUANG_WEB_MAX_LIVE_CLIENTS"
    /// Environment variable of `--live-buffer`.
    public static let liveBufferVariable = "KECHUANG_WEB_LIVE_BUFFER"
    /// Environment variable of `--ready-timeout-ms`.
    public static let readyTimeoutVariable = "KECHUANG_WEB_READY_TIMEOUT_MS"
    /// Environment variable of `--request-timeout-ms`.
    public static let requestTimeoutVariable = "KECHUANG_WEB_REQUEST_TIMEOUT_MS"
    /// The default HTTP port.
    public static let defaultPort = 8480

    /// The URL the server is reached at, e.g. `http://127.0.0.1:8480` (IPv6 hosts in brackets).
    public var httpAddress: String { BoundAddress.url(host: host, port: port) }

    /// Whether `host` is a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Resolves every setting from `options` > `resolver.environment` > defaults.
    /// - Throws: ``ServiceKit/ConfigurationError`` naming the bad flag or variable, ``WebError`` for impossible
    ///   values, a refused remote bind or an unreadable token file, or a directory error.
    public static func resolve(options: WebOptions, resolver: ConfigResolver) throws -> WebConfiguration {
        let environment = try ServiceEnvironment.resolve(service: "web", options: options.common, resolver: resolver)
        let directories = environment.directories
        let metricsPublish = try directories.resolveEndpoint(.metricsPublish, flag: options.metricsPublish, resolver: resolver)
        let metricsSync = try directories.resolveEndpoint(.metricsSync, flag: options.metricsSync, resolver: resolver)
        let scoringPublish = try directories.resolveEndpoint(.scoringPublish, flag: options.scoringPublish, resolver: resolver)
        let scoringSync = try directories.resolveEndpoint(.scoringSync, flag: options.scoringSync, resolver: resolver)
        let scoringRequest = try directories.resolveEndpoint(.scoringRequest, flag: options.scoringRequest, resolver: resolver)
        let webRequest = try directories.resolveEndpoint(.webRequest, flag: options.webRequest, resolver: resolver)
        let host: ConfigValue<String> = try resolver.resolve(
            "host", rawFlag: options.host, flagName: "--host", environmentKey: hostVariable, default: "127.0.0.1")
        let port: ConfigValue<Int> = try resolver.resolve(
            "port", rawFlag: options.port, flagName: "--port", environmentKey: portVariable, default: defaultPort)
        guard (0...65535).contains(port.value) else {
            throw WebError.invalidSetting(name: "port", value: "\(port.value)", reason: "must be 0…65535")
        }
        let allowRemote: ConfigValue<Bool> = try resolver.resolve(
            "allow_remote", flag: options.allowRemote ? true : nil, flagName: "--allow-remote",
            environmentKey: allowRemoteVariable, default: false)
        let tokenFile: ConfigValue<String> = try resolver.resolve(
            "token_file", rawFlag: options.tokenFile, flagName: "--token-file", environmentKey: tokenFileVariable,
            default: "")
        let createToken: ConfigValue<Bool> = try resolver.resolve(
            "create_token", flag: options.createToken ? true : nil, flagName: "--create-token",
            environmentKey: createTokenVariable, default: false)
        if createToken.value && tokenFile.value.isEmpty {
            throw WebError.invalidSetting(name: "create_token", value: "true", reason: "--create-token needs --token-file")
        }
        let tokenPath = KechuangDirectories.absolutePath(tokenFile.value)
        if createToken.value { try createTokenFileIfMissing(path: tokenPath) }
        let token = tokenFile.value.isEmpty ? nil : try readToken(path: tokenPath)
        try checkBind(host: host.value, allowRemote: allowRemote.value, hasToken: token != nil)
        let maxClients = try positive(resolver.resolve(
            "max_live_clients", rawFlag: options.maxLiveClients, flagName: "--max-live-clients",
            environmentKey: maxLiveClientsVariable, default: 64))
        let buffer = try positive(resolver.resolve(
            "live_buffer", rawFlag: options.liveBuffer, flagName: "--live-buffer", environmentKey: liveBufferVariable,
            default: 256))
        let ready = try positive(resolver.resolve(
            "ready_timeout_ms", rawFlag: options.readyTimeoutMilliseconds, flagName: "--ready-timeout-ms",
            environmentKey: readyTimeoutVariable, default: 5000))
        let requestTimeout = try positive(resolver.resolve(
            "request_timeout_ms", rawFlag: options.requestTimeoutMilliseconds, flagName: "--request-timeout-ms",
            environmentKey: requestTimeoutVariable, default: 2000))
        return WebConfiguration(
            environment: environment, metricsPublish: metricsPublish.value, metricsSync: metricsSync.value,
            scoringPublish: scoringPublish.value, scoringSync: scoringSync.value, scoringRequest: scoringRequest.value,
            webRequest: webRequest.value, host: host.value, port: port.value, token: token,
            maxLiveClients: maxClients, liveBuffer: buffer, readyTimeout: .milliseconds(ready),
            requestTimeout: .milliseconds(requestTimeout))
    }

    /// Refuses a non-loopback `host` unless remote binding was allowed explicitly and a token is set.
    /// - Throws: ``WebError/remoteBindRefused(host:reason:)``.
    public static func checkBind(host: String, allowRemote: Bool, hasToken: Bool) throws(WebError) {
        guard !isLoopback(host) else { return }
        guard allowRemote else {
            throw .remoteBindRefused(host: host, reason: "only 127.0.0.1 is served unless --allow-remote is given")
        }
        guard hasToken else {
            throw .remoteBindRefused(host: host, reason: "--allow-remote needs --token-file (a bearer token for every request)")
        }
    }

    /// Writes a new random token (32 bytes from the system's secure generator, 64 hex digits) to `path` with mode
    /// 0600 when no file exists there; an existing file — an operator's own token, or one created by an earlier
    /// start — is left alone (`O_CREAT | O_EXCL`, so two starts never overwrite each other's token).
    /// - Throws: ``WebError/unreadableTokenFile(path:reason:)`` when the file can be neither created nor found.
    static func createTokenFileIfMissing(path: String) throws(WebError) {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return }
            throw .unreadableTokenFile(path: path, reason: "cannot create it: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            unlink(path)
            throw .unreadableTokenFile(path: path, reason: "cannot write it: \(String(cString: strerror(errno)))")
        }
    }

    /// The first line of the token file, trimmed.
    /// - Throws: ``WebError/unreadableTokenFile(path:reason:)`` when missing, unreadable or empty.
    static func readToken(path: String) throws(WebError) -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableTokenFile(path: path, reason: "\(error.localizedDescription)")
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw .unreadableTokenFile(path: path, reason: "the token must be at least 16 characters on the first line")
        }
        return token
    }

    private static func positive(_ value: ConfigValue<Int>) throws -> Int {
        guard value.value > 0 else {
            throw WebError.invalidSetting(name: value.name, value: "\(value.value)", reason: "must be positive")
        }
        return value.value
    }
}
