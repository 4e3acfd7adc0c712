import Foundation
import ServiceKit
import Testing
@testable import WebService

@Suite struct WebConfigurationTests {
    @Test func loopbackIsTheDefaultAndAnyOtherBindNeedsTheFlagAndAToken() throws {
        #expect(WebConfiguration.isLoopback("127.0.0.1"))
        #expect(WebConfiguration.isLoopback("::1"))
        #expect(!WebConfiguration.isLoopback("0.0.0.0"))
        try WebConfiguration.checkBind(host: "127.0.0.1", allowRemote: false, hasToken: false)
        #expect(throws: WebError.self) { try WebConfiguration.checkBind(host: "0.0.0.0", allowRemote: false, hasToken: true) }
        #expect(throws: WebError.self) { try WebConfiguration.checkBind(host: "0.0.0.0", allowRemote: true, hasToken: false) }
        try WebConfiguration.checkBind(host: "0.0.0.0", allowRemote: true, hasToken: true)
    }

    /// What compose runs with: `--create-token` writes a random token (0600) the first time and reuses it after,
    /// never replacing an operator's own file; without `--token-file` it is refused.
    @Test func createTokenWritesARandomTokenOnceAndKeepsAnExistingOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenFile = folder.appendingPathComponent("web-token").path
        let environment = ["KECHUANG_HOME": folder.path, "KECHUANG_WEB_HOST": "0.0.0.0", "KECHUANG_WEB_ALLOW_REMOTE": "true",
                           "KECHUANG_WEB_TOKEN_FILE": tokenFile, "KECHUANG_WEB_CREATE_TOKEN": "true"]
        let first = try WebConfiguration.resolve(options: try WebOptions.parse([]), resolver: ConfigResolver(environment: environment))
        let token = try #require(first.token)
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit), "\(token)")
        let mode = (try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let again = try WebConfiguration.resolve(options: try WebOptions.parse([]), resolver: ConfigResolver(environment: environment))
        #expect(again.token == token, "a restart keeps the token")
        try "operator-chosen-token-0123\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let own = try WebConfiguration.resolve(options: try WebOptions.parse([]), resolver: ConfigResolver(environment: environment))
        #expect(own.token == "operator-chosen-token-0123")
        #expect(throws: WebError.self) {
            try WebConfiguration.resolve(options: try WebOptions.parse(["--create-token"]),
                                         resolver: ConfigResolver(environment: ["KECHUANG_HOME": folder.path]))
        }
    }

    @Test func resolvesFlagsOverEnvironmentOverDefaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenFile = folder.appendingPathComponent("token").path
        try "0123456789abcdef-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let environment = ["KECHUANG_HOME": folder.path, "KECHUANG_WEB_PORT": "9001", "KECHUANG_WEB_HOST": "0.0.0.0",
                           "KECHUANG_WEB_ALLOW_REMOTE": "true", "KECHUANG_WEB_TOKEN_FILE": tokenFile]
        var options = try WebOptions.parse(["--port", "9002", "--max-live-clients", "3"])
        let configuration = try WebConfiguration.resolve(options: options, resolver: ConfigResolver(environment: environment))
        #expect(configuration.port == 9002)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.token == "0123456789abcdef-token")
        #expect(configuration.maxLiveClients == 3)
        #expect(configuration.webRequest.hasSuffix("web.req"))
        options = try WebOptions.parse(["--host", "10.0.0.5"])
        #expect(throws: WebError.self) {
            try WebConfiguration.resolve(options: options, resolver: ConfigResolver(environment: ["KECHUANG_HOME": folder.path]))
        }
        let defaults = try WebConfiguration.resolve(
            options: try WebOptions.parse([]), resolver: ConfigResolver(environment: ["KECHUANG_HOME": folder.path]))
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8480)
        #expect(defaults.token == nil)
    }
}
