import Foundation
import Testing
@testable import ServiceKit

private func makeTemporaryPath() -> String {
    // Short on purpose: ipc paths must stay under 107 bytes.
    "/tmp/kk-" + String(UUID().uuidString.prefix(8))
}

private func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int) ?? -1
}

@Suite struct KechuangDirectoriesTests {
    @Test func defaultsDeriveFromHomeAndFlagsWin() throws {
        let resolver = ConfigResolver(environment: ["HOME": "/home/a", "KECHUANG_DATA_DIR": "/srv/kechuang/data"])
        let directories = try KechuangDirectories.resolve(home: nil, runDirectory: "/run/k", dataDirectory: nil, resolver: resolver)
        #expect(directories.home == ConfigValue(name: "home", value: "/home/a/.kechuang", source: .defaultValue))
        #expect(directories.runDirectory == ConfigValue(name: "run_dir", value: "/run/k", source: .flag("--run-dir")))
        #expect(directories.dataDirectory.value == "/srv/kechuang/data")
        #expect(directories.dataDirectory.source == .environment("KECHUANG_DATA_DIR"))
        #expect(directories.databasePath(service: "ingest") == "/srv/kechuang/data/ingest.sqlite")
    }

    @Test func kechuangHomeMovesRunAndDataDefaults() throws {
        let resolver = ConfigResolver(environment: ["HOME": "/home/a", "KECHUANG_HOME": "/opt/k"])
        let directories = try KechuangDirectories.resolve(home: nil, runDirectory: nil, dataDirectory: nil, resolver: resolver)
        #expect(directories.runDirectory.value == "/opt/k/run")
        #expect(directories.dataDirectory.value == "/opt/k/data")
        #expect(try directories.endpoint(.ingestRequest) == "ipc:///opt/k/run/ingest.req")
        #expect(try directories.endpoint(.metricsPublish) == "ipc:///opt/k/run/metrics.pub")
    }

    @Test func missingHomeIsAnError() {
        #expect(throws: DirectoryError.homeUnknown) {
            try KechuangDirectories.resolve(home: nil, runDirectory: nil, dataDirectory: nil, resolver: ConfigResolver(environment: [:]))
        }
    }

    @Test func prepareCreatesPrivateDirectoriesAndNeverChangesAnExistingOne() throws {
        let root = makeTemporaryPath()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let resolver = ConfigResolver(environment: ["KECHUANG_HOME": root])
        let directories = try KechuangDirectories.resolve(home: nil, runDirectory: nil, dataDirectory: nil, resolver: resolver)
        let previousMask = umask(0o022)
        defer { umask(previousMask) }
        let actions = try directories.prepare()
        // The new home is created by Kechuang too, 0700 like the run and data directories (umask 022 or not).
        #expect(actions == [.created(path: root), .created(path: root + "/run"), .created(path: root + "/data")])
        #expect(try mode(of: root) == 0o700)
        #expect(try mode(of: root + "/run") == 0o700)
        #expect(try mode(of: root + "/data") == 0o700)

        // An existing directory open to others is refused, and left exactly as it was.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/run")
        #expect(throws: DirectoryError.tooOpen(path: root + "/run", mode: 0o755)) { try directories.prepare() }
        #expect(try mode(of: root + "/run") == 0o755)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root + "/run")
        #expect(try directories.prepare() == [.unchanged(path: root + "/run"), .unchanged(path: root + "/data")])
        // A stricter mode (0500 would be odd, but 0700 minus bits is private) is accepted as it is.
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: root + "/data")
        #expect(throws: DirectoryError.tooOpen(path: root + "/data", mode: 0o750)) { try directories.prepare() }
        #expect(try mode(of: root + "/data") == 0o750)
        #expect(DirectoryError.tooOpen(path: "/run", mode: 0o755).description.contains("chmod 700 /run"))
    }

    @Test func prepareRefusesAFileInPlaceOfTheRunDirectory() throws {
        let root = makeTemporaryPath()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/run", contents: Data()))
        let directories = try KechuangDirectories.resolve(
            home: root, runDirectory: nil, dataDirectory: nil, resolver: ConfigResolver(environment: [:]))
        #expect(throws: DirectoryError.notADirectory(path: root + "/run")) { try directories.prepare() }
    }

    @Test func overlongIpcPathIsRefusedWithAdvice() throws {
        let longRun = "/tmp/" + String(repeating: "r", count: 100)
        let directories = try KechuangDirectories.resolve(
            home: "/tmp/k", runDirectory: longRun, dataDirectory: nil, resolver: ConfigResolver(environment: [:]))
        do {
            _ = try directories.endpoint(.ingestSync)
            Issue.record("expected ipcPathTooLong")
        } catch let error as DirectoryError {
            guard case let .ipcPathTooLong(_, length, limit) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(length == longRun.utf8.count + "/ingest.sync".utf8.count)
            #expect(limit == 107)
            #expect(error.description.contains("KECHUANG_RUN_DIR"))
        }
        // Exactly 107 bytes is accepted, 108 refused.
        #expect(throws: Never.self) { try KechuangDirectories.validateEndpoint("ipc://" + String(repeating: "a", count: 107)) }
        #expect(throws: DirectoryError.self) { try KechuangDirectories.validateEndpoint("ipc://" + String(repeating: "a", count: 108)) }
        #expect(throws: Never.self) { try KechuangDirectories.validateEndpoint("tcp://" + String(repeating: "a", count: 200)) }
    }

    @Test func endpointOverrideFromEnvironmentOrFlag() throws {
        let resolver = ConfigResolver(environment: ["KECHUANG_ENDPOINT_INGEST_PUB": "tcp://10.0.0.5:5556"])
        let directories = try KechuangDirectories.resolve(home: "/tmp/k", runDirectory: nil, dataDirectory: nil, resolver: resolver)
        #expect(EndpointName.ingestPublish.environmentKey == "KECHUANG_ENDPOINT_INGEST_PUB")
        let publish = try directories.resolveEndpoint(.ingestPublish, flag: nil, resolver: resolver)
        #expect(publish.value == "tcp://10.0.0.5:5556")
        #expect(publish.source == .environment("KECHUANG_ENDPOINT_INGEST_PUB"))
        let request = try directories.resolveEndpoint(.ingestRequest, flag: nil, resolver: resolver)
        #expect(request.value == "ipc:///tmp/k/run/ingest.req")
        #expect(request.source == .defaultValue)
        let sync = try directories.resolveEndpoint(.ingestSync, flag: "tcp://*:7000", resolver: resolver)
        #expect(sync.source == .flag("--ingest-sync"))
    }
}
