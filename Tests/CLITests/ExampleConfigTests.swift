import Domain
import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

/// The example configuration files in `compose/config/` load with the code that reads them in production:
/// `kechuang.json` with `kechuang up`'s decoder and settings resolution, `catalog-override.json` with
/// `Catalog.bundled(mergingOverrideAt:)`, `kechuang.env` with ServiceKit's resolver.
@Suite struct ExampleConfigTests {
    static let upConfig = "compose/config/kechuang.json"
    static let catalogOverride = "compose/config/catalog-override.json"
    static let environmentFile = "compose/config/kechuang.env"

    @Test func upConfigLoadsAndResolvesWithTheSupervisorsOwnCode() throws {
        let configuration = try UpConfiguration.load(path: RepositoryFiles.path(Self.upConfig))
        #expect((configuration.catalogOverride as NSString?)?.lastPathComponent == "catalog-override.json")
        #expect(Set((configuration.services ?? [:]).keys) == Set(ServiceDefinition.all.map(\.name)))

        // Resolve it exactly as `kechuang up --config` does, with the directories redirected by flags (flags win)
        // and stand-in executables, so nothing outside a temporary folder is touched.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for service in ServiceDefinition.all {
            let path = try folder.write("bin/" + service.executable, "#!/bin/sh\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        let up = try UpCommand.parse([
            "--config", RepositoryFiles.path(Self.upConfig), "--home", folder.path + "/home",
            "--run-dir", folder.path + "/run", "--data-dir", folder.path + "/data", "--bin-dir", folder.path + "/bin",
        ])
        let settings = try up.resolveSettings(environment: ["HOME": folder.path])
        #expect(settings.services.map(\.name) == ServiceDefinition.all.map(\.name))
        let policy = try #require(configuration.restart)
        #expect(settings.policy == policy)
        for (name, url) in configuration.endpoints ?? [:] {
            let endpoint = EndpointName(rawValue: name)
            #expect(settings.endpoints[endpoint] == url)
            for service in settings.services {
                #expect(settings.environment[service.name]?[endpoint.environmentKey] == url)
            }
        }
        let known = try RepositoryFiles.environmentVariablesInCode()
        for service in settings.services {
            let environment = try #require(settings.environment[service.name])
            #expect(environment["KECHUANG_CATALOG"] == configuration.catalogOverride)
            let own = configuration.services?[service.name]
            for (key, value) in own?.environment ?? [:] {
                #expect(known.contains(key), "\(service.name) environment \(key) is read by no code")
                #expect(environment[key] == value)
            }
            // Extra arguments must be flags the service really defines.
            let flags = try RepositoryFiles.serviceFlags(folder: service.name.capitalized)
            let arguments = settings.arguments[service.name] ?? []
            #expect(arguments == (own?.arguments ?? []))
            for argument in arguments where argument.hasPrefix("--") {
                #expect(flags.contains(argument), "\(service.name) has no flag \(argument)")
            }
        }
    }

    @Test func catalogOverrideMergesValidatesAndOnlyChangesTargets() throws {
        let url = URL(fileURLWithPath: RepositoryFiles.path(Self.catalogOverride))
        let override = try Catalog.load(from: url)
        let bundled = try Catalog.bundled()
        let merged = try Catalog.bundled(mergingOverrideAt: url)

        let replaced = override.indicators.filter { bundled.indicator(id: $0.id) != nil }
        let added = override.indicators.filter { bundled.indicator(id: $0.id) == nil }
        #expect(replaced.count >= 3, "targets for a few bundled indicators")
        #expect(added.count >= 1, "at least one local indicator")
        #expect(merged.indicators.count == bundled.indicators.count + added.count)
        #expect(merged.programs.count == bundled.programs.count + override.programs.filter { bundled.program(id: $0.id) == nil }.count)

        for indicator in replaced {
            let original = try #require(bundled.indicator(id: indicator.id))
            let result = try #require(merged.indicator(id: indicator.id))
            #expect(result.target(for: "2025") != nil, "\(indicator.id) has no 2025 target")
            // A replaced entry must keep everything but its targets, or the county silently loses phrases.
            var withoutTargets = result
            withoutTargets.targets = original.targets
            #expect(withoutTargets == original, "\(indicator.id) differs from the bundled entry beyond its targets")
        }
        for indicator in added {
            let result = try #require(merged.indicator(id: indicator.id))
            #expect(merged.program(id: result.program) != nil)
            #expect(!result.phrases.isEmpty)
            #expect(result.target(for: "2025") != nil)
            let phrase = try #require(result.phrases.first)
            #expect(merged.matchIndicator(subject: "全年" + phrase, unit: result.unit)?.id == result.id,
                    "a report phrase of the local indicator must find it")
        }
        for indicator in override.indicators {
            for target in indicator.targets {
                #expect(target.value > 0, "\(indicator.id) \(target.period)")
            }
        }
    }

    @Test func environmentExampleUsesRealNamesAndValidValues() throws {
        let entries = try RepositoryFiles.environmentFile(Self.environmentFile)
        let known = try RepositoryFiles.environmentVariablesInCode()
        #expect(entries.count >= 10)
        for entry in entries {
            #expect(known.contains(entry.name), "\(entry.name) is read by no code")
        }
        #expect(Set(entries.map(\.name)).isSuperset(of: known),
                "every variable the code reads is shown (missing: \(known.subtracting(entries.map(\.name)).sorted()))")

        // The active assignments resolve with ServiceKit's own parsing and checks.
        let environment = Dictionary(entries.filter { !$0.commented }.map { ($0.name, $0.value) }) { _, last in last }
        let resolver = ConfigResolver(environment: environment)
        let resolved = try ServiceEnvironment.resolve(
            service: "ingest", home: nil, runDirectory: nil, dataDirectory: nil, logLevel: nil, logFormat: nil,
            resolver: resolver)
        #expect(resolved.directories.runDirectory.value == environment[KechuangDirectories.runDirectoryVariable])
        for endpoint in ServiceDefinition.all.flatMap(\.endpoints) {
            let value = try resolved.directories.resolveEndpoint(endpoint, flag: nil, resolver: resolver)
            if let set = environment[endpoint.environmentKey] { #expect(value.value == set) }
        }
        for entry in entries where entry.commented && entry.name.hasPrefix("KECHUANG_ENDPOINT_") {
            #expect(throws: Never.self) { try KechuangDirectories.validateEndpoint(entry.value) }
        }

        // The endpoints it sets agree with the `kechuang up` example, so shells sourcing it reach those services.
        let up = try UpConfiguration.load(path: RepositoryFiles.path(Self.upConfig))
        for (name, url) in up.endpoints ?? [:] {
            #expect(environment[EndpointName(rawValue: name).environmentKey] == url)
        }
        #expect(environment["KECHUANG_CATALOG"] == up.catalogOverride)
    }
}
