import Foundation
import ServiceKit
import Testing
@testable import KechuangCLI

/// Structure of the container-free systemd units in `compose/systemd/`: one unit per supervised service running a
/// real executable product, a shared 0700 runtime directory for the sockets, a state directory for the databases,
/// environment names the code reads, graceful SIGTERM stop, restart on failure, and followers ordered after the
/// streams they follow.
@Suite struct SystemdUnitTests {
    static let folder = "compose/systemd"
    static let target = "kechuang.target"

    static func unit(_ name: String) throws -> UnitFile {
        try UnitFile(text: try RepositoryFiles.text(folder + "/" + name), name: name)
    }

    static func unitName(_ service: ServiceDefinition) -> String {
        service.executable + ".service"
    }

    @Test func everyServiceHasAUnitRunningItsExecutableProduct() throws {
        let products = try RepositoryFiles.executableProducts()
        for service in ServiceDefinition.all {
            let unit = try Self.unit(Self.unitName(service))
            let start = try #require(unit.value("Service", "ExecStart"), "\(service.name): no ExecStart")
            let binary = try #require(start.split(separator: " ").first.map(String.init))
            #expect(binary.hasPrefix("/"), "ExecStart needs an absolute path")
            let executable = (binary as NSString).lastPathComponent
            #expect(executable == service.executable)
            #expect(products.contains(executable), "\(executable) is not a product of Package.swift")
            // Flags on the ExecStart line must be flags the service defines.
            let folder = service.name.capitalized
            let flags = try RepositoryFiles.serviceFlags(folder: folder)
            for word in start.split(separator: " ").dropFirst() where word.hasPrefix("--") {
                #expect(flags.contains(String(word.split(separator: "=").first ?? word)))
            }
        }
    }

    @Test func directoriesEnvironmentAndStopBehaviour() throws {
        let known = try RepositoryFiles.environmentVariablesInCode()
        var runtimeDirectories = Set<String>()
        for service in ServiceDefinition.all {
            let unit = try Self.unit(Self.unitName(service))
            #expect(unit.value("Service", "Type") == "exec")
            let runtime = try #require(unit.value("Service", "RuntimeDirectory"))
            runtimeDirectories.insert(runtime)
            #expect(unit.value("Service", "RuntimeDirectoryMode") == "0700")
            // Shared by several units: must survive one unit's stop.
            #expect(unit.value("Service", "RuntimeDirectoryPreserve") == "yes")
            let state = try #require(unit.value("Service", "StateDirectory"))
            #expect(unit.value("Service", "StateDirectoryMode") == "0700")
            let environment = unit.environment
            for name in environment.keys {
                #expect(known.contains(name), "\(service.name) sets \(name), unknown to the code")
            }
            let run = try #require(environment[KechuangDirectories.runDirectoryVariable])
            #expect(run == "/run/" + runtime)
            let data = try #require(environment[KechuangDirectories.dataDirectoryVariable])
            #expect(data.hasPrefix("/var/lib/" + state + "/"))
            #expect(environment[KechuangDirectories.homeVariable] == "/var/lib/" + state)
            for endpoint in service.endpoints {
                #expect(throws: Never.self) { try KechuangDirectories.validateEndpoint("ipc://\(run)/\(endpoint.rawValue)") }
            }
            #expect(unit.value("Service", "KillSignal") == "SIGTERM")
            let stop = try #require(unit.value("Service", "TimeoutStopSec").flatMap { Int($0) })
            #expect(stop >= 10)
            #expect(unit.value("Service", "Restart") == "on-failure")
            #expect(unit.value("Service", "User") == "kechuang")
            #expect(unit.list("Unit", "PartOf").contains(Self.target))
            #expect(unit.list("Install", "WantedBy").contains(Self.target))
            // Started means answering the status request, checked with the CLI's real JSON output.
            let post = try #require(unit.value("Service", "ExecStartPost"))
            #expect(post.contains("/opt/kechuang/bin/kechuang status --format json"))
            #expect(post.contains(".service.:.\(service.name).,"))
            #expect(unit.value("Service", "ExecStart")?.hasPrefix("/opt/kechuang/bin/") == true)
        }
        #expect(runtimeDirectories.count == 1, "every service must share one socket directory")
    }

    @Test func followersStartAfterTheStreamsTheyFollowAndTheTargetWantsAll() throws {
        let metrics = try Self.unit(Self.unitName(.metrics))
        let ingestUnit = Self.unitName(.ingest)
        #expect(metrics.list("Unit", "After").contains(ingestUnit))
        #expect(metrics.list("Unit", "Requires").contains(ingestUnit))
        let ingest = try Self.unit(ingestUnit)
        #expect(!ingest.list("Unit", "After").contains(Self.unitName(.metrics)), "no ordering cycle")
        let target = try Self.unit(Self.target)
        #expect(Set(target.list("Unit", "Wants")) == Set(ServiceDefinition.all.map(Self.unitName)))
        #expect(target.list("Install", "WantedBy").contains("multi-user.target"))
    }

    @Test func startPostPatternMatchesOnlyTheAnsweringRow() throws {
        for service in ServiceDefinition.all {
            let post = try #require(try Self.unit(Self.unitName(service)).value("Service", "ExecStartPost"))
            let pattern = try #require(try RepositoryFiles.captures(#"grep -q "([^"]+)""#, in: post).first)
            let rows = [true, false].map { answered in
                "{\"service\":\"\(service.name)\",\"state\":\"ready\",\"pid\":null,\"answered\":\(answered),\"endpoint\":\"e\",\"details\":\"\",\"status\":{}}"
            } + ["{\"service\":\"other\",\"state\":\"ready\",\"pid\":null,\"answered\":true,\"endpoint\":\"e\",\"details\":\"\",\"status\":{}}"]
            #expect(try ComposeFilesTests.grepMatches(pattern: pattern, lines: rows) == [true, false, false])
        }
    }
}
