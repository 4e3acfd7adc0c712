import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

/// Structure of `compose/docker-compose.yml` and `compose/Dockerfile` (no container engine runs here): every
/// container uses the one image, mounts the shared socket volume, runs a real executable product, reads only
/// environment variables the code knows, has a readiness health check, and the image builds and ships every
/// executable the compose file runs.
@Suite struct ComposeFilesTests {
    static let composePath = "compose/docker-compose.yml"
    static let dockerfilePath = "compose/Dockerfile"

    /// A compose service as loaded (JSON-compatible values).
    struct ComposeService {
        let name: String
        let body: [String: Any]

        var image: String? { body["image"] as? String }
        var isTool: Bool { body["profiles"] != nil }
        var command: [String] { body["command"] as? [String] ?? [] }
        var entrypoint: [String] { body["entrypoint"] as? [String] ?? [] }
        /// The executable the container runs: the entrypoint's first word, else the command's.
        var executable: String? { entrypoint.first ?? command.first }
        var environment: [String: String] {
            (body["environment"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        }
        /// `(source, target)` of each `source:target[:mode]` volume entry.
        var volumes: [(source: String, target: String)] {
            (body["volumes"] as? [String] ?? []).compactMap { entry in
                let parts = entry.split(separator: ":").map(String.init)
                return parts.count >= 2 ? (parts[0], parts[1]) : nil
            }
        }
        var healthcheck: [String: Any]? { body["healthcheck"] as? [String: Any] }
        var dependsOn: [String: [String: Any]] { body["depends_on"] as? [String: [String: Any]] ?? [:] }
    }

    static func load() throws -> (document: [String: Any], services: [ComposeService]) {
        let document = try RepositoryFiles.loadYAML(composePath)
        let raw = try #require(document["services"] as? [String: [String: Any]], "compose file has no services mapping")
        return (document, raw.keys.sorted().compactMap { name in raw[name].map { ComposeService(name: name, body: $0) } })
    }

    @Test func everySupervisedServiceHasAContainerRunningItsExecutable() throws {
        let services = try Self.load().services
        let long = services.filter { !$0.isTool }
        #expect(Set(long.map(\.name)) == Set(ServiceDefinition.all.map(\.name)),
                "one container per service of `kechuang up` (ServiceDefinition.all)")
        for service in long {
            let definition = try #require(ServiceDefinition.named(service.name))
            #expect(service.executable == definition.executable, "\(service.name) must run \(definition.executable)")
        }
    }

    @Test func everyContainerUsesTheImageAndARealExecutableProduct() throws {
        let services = try Self.load().services
        let products = try RepositoryFiles.executableProducts()
        #expect(!services.isEmpty)
        let images = Set(services.compactMap(\.image))
        #expect(images.count == 1, "all services share one image, found \(images.sorted())")
        for service in services {
            #expect(service.image != nil, "\(service.name) has no image")
            let build = service.body["build"] as? [String: Any]
            let context = try #require(build?["context"] as? String, "\(service.name) has no build context")
            let dockerfile = try #require(build?["dockerfile"] as? String)
            let resolved = URL(fileURLWithPath: RepositoryFiles.path("compose")).appendingPathComponent(context)
                .appendingPathComponent(dockerfile).standardizedFileURL.path
            #expect(resolved == RepositoryFiles.path(Self.dockerfilePath), "\(service.name) builds \(resolved)")
            let executable = try #require(service.executable, "\(service.name) names no executable")
            #expect(products.contains(executable), "\(service.name) runs \(executable), not a product of Package.swift \(products.sorted())")
        }
    }

    @Test func everyContainerMountsTheSharedRunVolumeAtItsRunDirectory() throws {
        let (document, services) = try Self.load()
        let declared = document["volumes"] as? [String: Any] ?? [:]
        let runVolume = "run"
        #expect(declared.keys.contains(runVolume))
        var dataVolumes: [String: String] = [:]
        for service in services {
            let runDirectory = try #require(service.environment[KechuangDirectories.runDirectoryVariable],
                                            "\(service.name) sets no KECHUANG_RUN_DIR")
            #expect(service.volumes.contains { $0.source == runVolume && $0.target == runDirectory },
                    "\(service.name) must mount \(runVolume):\(runDirectory)")
            for endpoint in ServiceDefinition.all.flatMap(\.endpoints) {
                let url = "ipc://" + runDirectory + "/" + endpoint.rawValue
                #expect(throws: Never.self) { try KechuangDirectories.validateEndpoint(url) }
            }
            for volume in service.volumes where !volume.source.hasPrefix(".") && !volume.source.hasPrefix("/") {
                #expect(declared.keys.contains(volume.source), "\(service.name) mounts undeclared volume \(volume.source)")
            }
            guard !service.isTool else { continue }
            let dataDirectory = try #require(service.environment[KechuangDirectories.dataDirectoryVariable])
            let data = try #require(service.volumes.first { $0.target == dataDirectory },
                                    "\(service.name) has no volume at its data directory \(dataDirectory)")
            #expect(data.source != runVolume)
            #expect(dataVolumes[data.source] == nil, "\(data.source) is shared by \(service.name) and \(dataVolumes[data.source] ?? "")")
            dataVolumes[data.source] = service.name
        }
    }

    @Test func runVolumeBelongsToTheImageUser() throws {
        let (document, services) = try Self.load()
        let run = try #require((document["volumes"] as? [String: Any])?["run"] as? [String: Any])
        let options = try #require((run["driver_opts"] as? [String: Any])?["o"] as? String)
        let dockerfile = try RepositoryFiles.text(Self.dockerfilePath)
        let uid = try #require(try RepositoryFiles.captures(#"ARG SERVICE_UID=(\d+)"#, in: dockerfile).first)
        let gid = try #require(try RepositoryFiles.captures(#"ARG SERVICE_GID=(\d+)"#, in: dockerfile).first)
        #expect(options.contains("uid=\(uid)") && options.contains("gid=\(gid)") && options.contains("mode=0700"),
                "the socket volume must be 0700 and owned by the services' user (\(uid):\(gid)); found \(options)")
        for service in services {
            #expect(service.body["user"] as? String == "\(uid):\(gid)", "\(service.name) must run as \(uid):\(gid)")
        }
    }

    @Test func environmentNamesExistInTheCode() throws {
        let known = try RepositoryFiles.environmentVariablesInCode()
        for service in try Self.load().services {
            #expect(!service.environment.isEmpty)
            for name in service.environment.keys {
                #expect(known.contains(name), "\(service.name) sets \(name), which no service or CLI code reads")
            }
        }
    }

    @Test func longRunningServicesHaveReadinessHealthChecksRestartAndOrdering() throws {
        let services = try Self.load().services
        let names = Set(services.map(\.name))
        let products = try RepositoryFiles.executableProducts()
        let order = ServiceDefinition.all.map(\.name)
        for service in services where !service.isTool {
            let check = try #require(service.healthcheck, "\(service.name) has no healthcheck")
            let test = try #require(check["test"] as? [String])
            #expect(test.first == "CMD-SHELL")
            let command = try #require(test.last)
            let words = command.split(separator: " ").map(String.init)
            #expect(products.contains(words.first ?? ""), "health check runs \(words.first ?? ""), not a product")
            #expect(Array(words.prefix(4)) == ["kechuang", "status", "--format", "json"], "health check: \(command)")
            let flags = try RepositoryFiles.longFlags(under: "Services/CLI")
            for word in words where word.hasPrefix("--") {
                #expect(flags.contains(word), "health check uses \(word), which the CLI does not define")
            }
            #expect(command.contains("\"service\":\"\(service.name)\""), "health check must select \(service.name)'s row")
            #expect(command.contains("\"answered\":true"))
            for key in ["interval", "timeout", "retries", "start_period"] {
                #expect(check[key] != nil, "\(service.name) healthcheck lacks \(key)")
            }
            let restart = service.body["restart"] as? String
            #expect(restart == "unless-stopped" || restart == "always" || restart == "on-failure")
            #expect(service.body["stop_signal"] as? String == "SIGTERM")
            for (dependency, rule) in service.dependsOn {
                #expect(names.contains(dependency))
                #expect(rule["condition"] as? String == "service_healthy", "\(service.name) → \(dependency)")
                if let mine = order.firstIndex(of: service.name), let theirs = order.firstIndex(of: dependency) {
                    #expect(theirs < mine, "\(service.name) may only wait for services started before it")
                }
            }
        }
        // A follower waits for the stream it follows.
        let metrics = try #require(services.first { $0.name == ServiceDefinition.metrics.name })
        #expect(metrics.dependsOn[ServiceDefinition.ingest.name]?["condition"] as? String == "service_healthy")
    }

    /// `docker compose up` works with no preparation: nothing refers to a host file that a fresh checkout lacks,
    /// and the web container, which binds the container's interfaces, has --allow-remote and a token file that
    /// kechuang-web creates itself in its own data volume (`KECHUANG_WEB_CREATE_TOKEN`).
    @Test func webStartsOutOfTheBoxWithATokenItCreates() throws {
        let (document, services) = try Self.load()
        if let secrets = document["secrets"] as? [String: [String: Any]] {
            for (name, secret) in secrets {
                if let file = secret["file"] as? String {
                    #expect(FileManager.default.fileExists(atPath: RepositoryFiles.path("compose/" + file)),
                            "secret \(name) needs \(file), which a fresh checkout does not have")
                }
            }
        }
        let web = try #require(services.first { $0.name == "web" })
        let host = web.environment["KECHUANG_WEB_HOST"] ?? "127.0.0.1"
        if !WebHostCheck.isLoopback(host) {
            #expect(web.environment["KECHUANG_WEB_ALLOW_REMOTE"] == "true")
            let tokenFile = try #require(web.environment["KECHUANG_WEB_TOKEN_FILE"], "a non-loopback bind needs a token")
            let dataDirectory = try #require(web.environment["KECHUANG_DATA_DIR"])
            #expect(tokenFile.hasPrefix(dataDirectory + "/"), "the token lives in web's own data volume")
            #expect(web.environment["KECHUANG_WEB_CREATE_TOKEN"] == "true", "web must create its token on first start")
        }
    }

    /// The loopback rule of kechuang-web (WebConfiguration.isLoopback), restated: CLITests does not link the service.
    enum WebHostCheck {
        static func isLoopback(_ host: String) -> Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
    }

    @Test func healthCheckPatternMatchesOnlyTheAnsweringRowOfItsService() throws {
        // Rows in the exact form StatusCommand prints with --format json.
        func row(_ service: String, answered: Bool) -> String {
            "{\"service\":\"\(service)\",\"state\":\"ready\",\"pid\":null,\"answered\":\(answered),"
                + "\"endpoint\":\"ipc:///run/kechuang/x\",\"details\":\"d \\\"answered\\\":true,\",\"status\":{}}"
        }
        for service in try Self.load().services where !service.isTool {
            let command = try #require((service.healthcheck?["test"] as? [String])?.last)
            let pattern = try #require(try RepositoryFiles.captures(#"grep -q '([^']+)'"#, in: command).first)
            let grep = try Self.grepMatches(pattern: pattern, lines: [
                row(service.name, answered: true), row(service.name, answered: false),
                row("other", answered: true),
            ])
            #expect(grep == [true, false, false], "\(service.name): \(pattern)")
        }
    }

    /// Runs `grep -q PATTERN` (basic regular expression, like the container's shell) on each line.
    static func grepMatches(pattern: String, lines: [String]) throws -> [Bool] {
        try lines.map { line in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["grep", "-q", pattern]
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    // MARK: Dockerfile

    /// Products built (`--product X`) and installed into the run image (`install … "$bin/X"`).
    static func dockerfileProducts() throws -> (built: Set<String>, installed: Set<String>) {
        let text = try RepositoryFiles.text(dockerfilePath)
        return (Set(try RepositoryFiles.captures(#"--product ([a-z-]+)"#, in: text)),
                Set(try RepositoryFiles.captures(#"install -m 0755 "\$bin/([a-z-]+)""#, in: text)))
    }

    @Test func dockerfileBuildsAndCopiesEveryExecutableTheDeploymentRuns() throws {
        let products = try RepositoryFiles.executableProducts()
        let (built, installed) = try Self.dockerfileProducts()
        #expect(built == installed, "built \(built.sorted()) but installed \(installed.sorted())")
        #expect(built.isSubset(of: products))
        #expect(built == products.subtracting(["kechuang-benchmarks"]), "ship every executable but the benchmarks")
        var used = Set<String>()
        for service in try Self.load().services {
            if let executable = service.executable { used.insert(executable) }
        }
        used.insert("kechuang") // health checks
        #expect(used.isSubset(of: installed), "compose runs \(used.subtracting(installed).sorted()) not in the image")
        let text = try RepositoryFiles.text(Self.dockerfilePath)
        #expect(text.contains("COPY --from=build /staging/bin/ /opt/kechuang/bin/"))
        #expect(text.contains("-name '*.resources'"), "resource bundles must sit next to the binaries")
    }

    @Test func dockerfileNamesTheRealResourceBundle() throws {
        let text = try RepositoryFiles.text(Self.dockerfilePath)
        let named = Set(try RepositoryFiles.captures(#"([A-Za-z]+_[A-Za-z]+\.resources)"#, in: text))
        #expect(!named.isEmpty)
        let directory = try #require(RepositoryFiles.buildProductsDirectory())
        for bundle in named {
            let catalog = directory.appendingPathComponent(bundle).appendingPathComponent("catalog.json").path
            #expect(FileManager.default.fileExists(atPath: catalog), "SwiftPM built no \(catalog)")
        }
    }

    @Test func dockerfileStagesAreSwiftBuildAndSlimRuntimeAsNonRoot() throws {
        let text = try RepositoryFiles.text(Self.dockerfilePath)
        let swiftImage = try #require(try RepositoryFiles.captures(#"ARG SWIFT_IMAGE=swift:([0-9.]+)-bookworm"#, in: text).first)
        let imageVersion = swiftImage.split(separator: ".").compactMap { Int($0) }
        #expect(imageVersion.lexicographicallyPrecedes(try RepositoryFiles.toolsVersion()) == false,
                "Swift image \(swiftImage) is older than Package.swift's tools version")
        #expect(text.contains("ARG RUNTIME_IMAGE=debian:bookworm-slim"))
        #expect(text.contains("FROM ${SWIFT_IMAGE} AS build") && text.contains("FROM ${RUNTIME_IMAGE} AS run"))
        for package in ["libzmq3-dev", "libsqlite3-dev", "libzmq5", "libsqlite3-0"] {
            #expect(text.contains(" \(package)"), "Dockerfile must install \(package)")
        }
        #expect(text.contains("--static-swift-stdlib"))
        #expect(text.contains("USER kechuang:kechuang"))
        let known = try RepositoryFiles.environmentVariablesInCode()
        let assigned = try RepositoryFiles.captures(#"\s(KECHUANG_[A-Z_]+)="#, in: text)
        #expect(Set(assigned).isSuperset(of: [
            KechuangDirectories.homeVariable, KechuangDirectories.runDirectoryVariable,
            KechuangDirectories.dataDirectoryVariable,
        ]))
        for name in assigned { #expect(known.contains(name), "Dockerfile sets \(name), unknown to the code") }
    }
}
