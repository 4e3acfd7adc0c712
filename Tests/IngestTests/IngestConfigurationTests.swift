import ServiceKit
import Testing
@testable import IngestService

@Suite struct IngestConfigurationTests {
    private func resolve(_ arguments: [String], environment: [String: String] = [:]) throws -> IngestConfiguration {
        let options = try IngestOptions.parse(arguments)
        return try IngestConfiguration.resolve(
            options, resolver: ConfigResolver(environment: ["HOME": "/tmp/kc-home"].merging(environment) { $1 }))
    }

    @Test func defaultsDeriveFromTheDirectories() throws {
        let configuration = try resolve(["--run-dir", "/tmp/kc-r", "--data-dir", "/tmp/kc-d"])
        #expect(configuration.requestEndpoint == "ipc:///tmp/kc-r/ingest.req")
        #expect(configuration.publishEndpoint == "ipc:///tmp/kc-r/ingest.pub")
        #expect(configuration.syncEndpoint == "ipc:///tmp/kc-r/ingest.sync")
        #expect(configuration.databasePath == "/tmp/kc-d/ingest.sqlite")
        #expect(configuration.maxDocumentBytes == 16 * 1024 * 1024)
        #expect(configuration.heartbeatInterval == .seconds(1))
        #expect(configuration.catalogPath == nil)
        #expect(configuration.requestMessageLimit >= 2 * configuration.maxDocumentBytes)
    }

    @Test func flagsBeatEnvironmentWhichBeatsDefaults() throws {
        let environment = [
            "KECHUANG_INGEST_MAX_DOCUMENT_BYTES": "1024", "KECHUANG_ENDPOINT_INGEST_REQ": "tcp://127.0.0.1:7001",
            "KECHUANG_INGEST_HEARTBEAT_MS": "250", "KECHUANG_CATALOG": "/etc/county.json",
        ]
        let fromEnvironment = try resolve([], environment: environment)
        #expect(fromEnvironment.maxDocumentBytes == 1024)
        #expect(fromEnvironment.requestEndpoint == "tcp://127.0.0.1:7001")
        #expect(fromEnvironment.heartbeatInterval == .milliseconds(250))
        #expect(fromEnvironment.catalogPath == "/etc/county.json")
        let fromFlags = try resolve(
            ["--max-document-bytes", "2048", "--ingest-req", "tcp://127.0.0.1:7002", "--heartbeat-ms", "500"],
            environment: environment)
        #expect(fromFlags.maxDocumentBytes == 2048)
        #expect(fromFlags.requestEndpoint == "tcp://127.0.0.1:7002")
        #expect(fromFlags.heartbeatInterval == .milliseconds(500))
    }

    @Test func badValuesNameTheSetting() throws {
        #expect(throws: ConfigurationError.self) { try resolve([], environment: ["KECHUANG_INGEST_MAX_DOCUMENT_BYTES": "big"]) }
        #expect(throws: ConfigurationError.self) { try resolve(["--max-document-bytes", "0"]) }
        #expect(throws: ConfigurationError.self) { try resolve(["--heartbeat-ms", "1"]) }
    }
}
