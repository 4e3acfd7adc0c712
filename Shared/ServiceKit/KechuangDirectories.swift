import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The home, run (sockets) and data (databases) directories, resolved flag > environment > default:
/// - home: `--home` / `KECHUANG_HOME` / `$HOME/.kechuang`
/// - run: `--run-dir` / `KECHUANG_RUN_DIR` / `<home>/run`
/// - data: `--data-dir` / `KECHUANG_DATA_DIR` / `<home>/data`
///
/// Relative paths are made absolute against the current directory; `~/` expands to `HOME`.
public struct KechuangDirectories: Sendable, Equatable {
    /// Environment variable for the home directory.
    public static let homeVariable = "KECHUANG_HOME"
    /// Environment variable for the run directory.
    public static let runDirectoryVariable = "KECHUANG_RUN_DIR"
    /// Environment variable for the data directory.
    public static let dataDirectoryVariable = "KECHUANG_DATA_DIR"
    /// Longest `sun_path` the kernel accepts for an `ipc://` endpoint, in bytes (108 minus the NUL).
    public static let ipcPathLimit = 107  // the same limit ZeroMQ's EndpointGuard enforces (108-byte sun_path minus the NUL)

    /// The Kechuang home directory.
    public let home: ConfigValue<String>
    /// The 0700 directory holding `ipc://` socket files and their lock files.
    public let runDirectory: ConfigValue<String>
    /// The 0700 directory holding each service's database.
    public let dataDirectory: ConfigValue<String>

    /// Resolves the three directories (flags are `nil` when not given).
    /// - Throws: ``DirectoryError/homeUnknown`` when no home can be found.
    public static func resolve(
        home homeFlag: String?, runDirectory runFlag: String?, dataDirectory dataFlag: String?, resolver: ConfigResolver
    ) throws -> KechuangDirectories {
        let userHome = resolver.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let defaultHome = userHome.map { ($0 as NSString).appendingPathComponent(".kechuang") } ?? ""
        let rawHome = try resolver.resolve("home", flag: homeFlag, flagName: "--home", environmentKey: homeVariable, default: defaultHome)
        guard !rawHome.value.isEmpty else { throw DirectoryError.homeUnknown }
        let home = ConfigValue(name: rawHome.name, value: absolute(rawHome.value, userHome: userHome), source: rawHome.source)
        let run = try resolver.resolve(
            "run_dir", flag: runFlag, flagName: "--run-dir", environmentKey: runDirectoryVariable,
            default: (home.value as NSString).appendingPathComponent("run"))
        let data = try resolver.resolve(
            "data_dir", flag: dataFlag, flagName: "--data-dir", environmentKey: dataDirectoryVariable,
            default: (home.value as NSString).appendingPathComponent("data"))
        return KechuangDirectories(
            home: home,
            runDirectory: ConfigValue(name: run.name, value: absolute(run.value, userHome: userHome), source: run.source),
            dataDirectory: ConfigValue(name: data.name, value: absolute(data.value, userHome: userHome), source: data.source))
    }

    /// Creates the run and data directories with mode 0700, and every missing parent (a new home) with 0700 too.
    /// An existing directory is never changed: it is refused when owned by another user or open to group or others
    /// (``DirectoryError/tooOpen(path:mode:)``) — run as root with `KECHUANG_RUN_DIR=/run`, Kechuang refuses to
    /// start instead of changing `/run`.
    /// - Returns: what was done, parents first, then the run and data directories.
    @discardableResult
    public func prepare() throws -> [DirectoryAction] {
        let actions = try Self.preparePrivateDirectory(runDirectory.value) + Self.preparePrivateDirectory(dataDirectory.value)
        try Self.requireWritable(runDirectory.value)
        try Self.requireWritable(dataDirectory.value)
        return actions
    }

    /// Throws ``DirectoryError/notWritable(path:reason:)`` naming `path`, the system's reason and the fix when this
    /// process cannot create files in it (`check` returns 0 or an errno; `access(2)` by default).
    public static func requireWritable(
        _ path: String, check: (String) -> Int32 = { access($0, W_OK | X_OK) == 0 ? 0 : errno }
    ) throws {
        let failure = check(path)
        guard failure == 0 else {
            throw DirectoryError.notWritable(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// The default endpoint `ipc://<run dir>/<name>`.
    /// - Throws: ``DirectoryError/ipcPathTooLong(endpoint:length:limit:)`` when the socket path exceeds 107 bytes.
    public func endpoint(_ name: EndpointName) throws -> String {
        let endpoint = "ipc://" + (runDirectory.value as NSString).appendingPathComponent(name.rawValue)
        try Self.validateEndpoint(endpoint)
        return endpoint
    }

    /// Resolves one endpoint: `flag` > the name's environment variable (``EndpointName/environmentKey``) > the
    /// default `ipc://<run dir>/<name>`. Any `tcp://` or `ipc://` URL is accepted; ipc paths are length-checked.
    public func resolveEndpoint(_ name: EndpointName, flag: String?, resolver: ConfigResolver) throws -> ConfigValue<String> {
        let resolved = try resolver.resolve(
            "endpoint." + name.rawValue, flag: flag, flagName: "--" + name.rawValue.replacingOccurrences(of: ".", with: "-"),
            environmentKey: name.environmentKey, default: try endpoint(name))
        try Self.validateEndpoint(resolved.value)
        return resolved
    }

    /// The database file path for `service`: `<data dir>/<service>.sqlite`.
    public func databasePath(service: String) -> String {
        (dataDirectory.value as NSString).appendingPathComponent(service + ".sqlite")
    }

    /// Checks an endpoint URL; `ipc://` paths longer than ``ipcPathLimit`` bytes are refused.
    public static func validateEndpoint(_ endpoint: String) throws {
        let prefix = "ipc://"
        guard endpoint.hasPrefix(prefix) else { return }
        let length = endpoint.utf8.count - prefix.utf8.count
        if length > ipcPathLimit {
            throw DirectoryError.ipcPathTooLong(endpoint: endpoint, length: length, limit: ipcPathLimit)
        }
    }

    /// `path` made absolute against the current directory and standardised (no `~` expansion): how services
    /// resolve file settings such as `--database` and `--catalog`.
    public static func absolutePath(_ path: String) -> String {
        absolute(path, userHome: nil)
    }

    static func absolute(_ path: String, userHome: String?) -> String {
        var expanded = path
        if let userHome, path == "~" || path.hasPrefix("~/") {
            expanded = userHome + path.dropFirst()
        }
        if !expanded.hasPrefix("/") {
            expanded = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded)
        }
        return (expanded as NSString).standardizingPath
    }

    /// Makes `path` a private directory (see ``prepare()``): creates it and any missing parent with mode 0700, or
    /// checks an existing one without changing it.
    /// - Returns: the directories created (parents first), or `.unchanged` for an acceptable existing directory.
    public static func preparePrivateDirectory(_ path: String) throws -> [DirectoryAction] {
        var info = stat()
        if stat(path, &info) != 0 {
            var actions: [DirectoryAction] = []
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, stat(parent, &info) != 0 {
                actions += try preparePrivateDirectory(parent)
            }
            if mkdir(path, 0o700) != 0 {
                guard errno == EEXIST else { throw DirectoryError.creationFailed(path: path, errno: errno) }
                return actions + [try checkExisting(path)]
            }
            // mkdir is subject to the umask, which can only remove bits; make the mode exact on what we created.
            if chmod(path, 0o700) != 0 {
                throw DirectoryError.permissionChangeFailed(path: path, errno: errno)
            }
            return actions + [.created(path: path)]
        }
        return [try checkExisting(path)]
    }

    /// Accepts an existing directory owned by the current user with no group or other access; never changes it.
    static func checkExisting(_ path: String) throws -> DirectoryAction {
        var info = stat()
        guard stat(path, &info) == 0 else { throw DirectoryError.permissionChangeFailed(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw DirectoryError.notADirectory(path: path) }
        let currentUser = geteuid()
        guard info.st_uid == currentUser else {
            throw DirectoryError.notOwnedByCurrentUser(path: path, owner: info.st_uid, currentUser: currentUser)
        }
        let mode = UInt32(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw DirectoryError.tooOpen(path: path, mode: mode) }
        return .unchanged(path: path)
    }
}
