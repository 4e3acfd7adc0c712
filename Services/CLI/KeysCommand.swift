import ArgumentParser
import Foundation
import ZeroMQ

/// `kechuang keys generate|show`: CURVE key pairs for `tcp://` endpoints.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "CURVE key pairs for tcp:// endpoints (密钥).",
        subcommands: [Generate.self, Show.self])

    /// `kechuang keys generate NAME --dir DIR`: writes `DIR/NAME.key` (0600) and `DIR/NAME.pub`.
    struct Generate: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a CURVE key pair: <dir>/<name>.key (secret, mode 0600, never overwritten) and <dir>/<name>.pub (public).",
            discussion: """
                Use the service name (ingest, metrics, scoring, notify, web) for a service's key pair, so that its
                public key can be found as <server keys>/<service>.pub by the processes that connect to it; any other
                name (e.g. cli, or a host name) for a pure client. The secret key is never printed.
                """)

        @Argument(help: "Key pair name: the service name (ingest, metrics, scoring, notify, web) or a client name.")
        var name: String

        @Option(name: .customLong("dir"), help: "Directory to write the two files to (created 0700 if missing; default the current directory).")
        var directory: String = "."

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
                throw CLIError.invalidArgument(name: "NAME", value: name, expected: "a file name without '/' or a leading '.'")
            }
            if !FileManager.default.fileExists(atPath: directory) {
                do {
                    try FileManager.default.createDirectory(
                        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw CLIError.writeFailed(path: directory, reason: "\(error)")
                }
            }
            let pair: CurveKeyPair
            do {
                pair = try CurveKeyPair.generate()
            } catch {
                throw CLIError.writeFailed(path: directory, reason: "libzmq cannot generate CURVE keys: \(error)")
            }
            let paths: (secretPath: String, publicPath: String)
            do {
                paths = try CurveKeyFile.write(pair, name: name, directory: directory)
            } catch {
                throw CLIError.writeFailed(path: error.path, reason: error.code == EEXIST
                    ? "it exists already (a secret key is never overwritten; remove it first to replace the pair)"
                    : "errno \(error.code)")
            }
            print("secret key: \(paths.secretPath) (mode 0600: keep it on this host only)")
            print("public key: \(paths.publicPath) (fingerprint \(pair.publicKey.fingerprint); copy it to the peers)")
        }
    }

    /// `kechuang keys show FILE`: checks a key file and prints its public key.
    struct Show: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Check a key file (.key: mode 0600; .pub) and print its public key (never the secret).")

        @Argument(help: "A .key (secret) or .pub (public) file.")
        var file: String

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            do {
                if file.hasSuffix(CurveKeyFile.publicSuffix) {
                    for key in try CurveKeyFile.readPublicKeys(at: file) { print(key.z85) }
                } else {
                    print(try CurveKeyFile.readKeyPair(secretKeyPath: file).publicKey.z85)
                }
            } catch let error as CurveKeyFileError {
                throw CLIError.unreadable(path: error.path, reason: error.description)
            }
        }
    }
}

extension CurveKeyFileError {
    /// The `errno` of an unreadable or unwritable file (0 otherwise).
    var code: Int32 {
        switch self {
        case .unreadable(_, let code), .unwritable(_, let code): code
        default: 0
        }
    }
}
