import ServiceKit
@testable import ScoringService
import Testing

/// `kechuang-scoring`'s settings: flags > environment > defaults, impossible values refused.
@Suite struct ScoringConfigurationTests {
    static let environment = ["HOME": "/tmp/kc-scoring-config", "KECHUANG_RUN_DIR": "/tmp/kc-sc-run"]

    @Test func defaultsAndEnvironmentAndFlags() throws {
        let defaults = try ScoringConfiguration.resolve(
            options: try ScoringOptions.parse([]), resolver: ConfigResolver(environment: Self.environment))
        #expect(defaults.scoringPublish == "ipc:///tmp/kc-sc-run/scoring.pub")
        #expect(defaults.settleInterval == nil)
        #expect(defaults.heartbeatInterval == .seconds(1))

        var environment = Self.environment
        environment[ScoringConfiguration.settleIntervalVariable] = "3600"
        environment[ScoringConfiguration.schemesVariable] = "/etc/kechuang/schemes"
        let fromEnvironment = try ScoringConfiguration.resolve(
            options: try ScoringOptions.parse([]), resolver: ConfigResolver(environment: environment))
        #expect(fromEnvironment.settleInterval == .seconds(3600))
        #expect(fromEnvironment.schemesPath == "/etc/kechuang/schemes")

        let flagWins = try ScoringConfiguration.resolve(
            options: try ScoringOptions.parse(["--settle-interval-s", "60", "--schemes", "/srv/schemes"]),
            resolver: ConfigResolver(environment: environment))
        #expect(flagWins.settleInterval == .seconds(60))
        #expect(flagWins.schemesPath == "/srv/schemes")
    }

    @Test func impossibleValuesAreRefusedByName() throws {
        #expect(throws: (any Error).self) {
            try ScoringConfiguration.resolve(
                options: try ScoringOptions.parse(["--settle-interval-s", "-5"]),
                resolver: ConfigResolver(environment: Self.environment))
        }
        #expect(throws: (any Error).self) {
            try ScoringConfiguration.resolve(
                options: try ScoringOptions.parse(["--heartbeat-ms", "0"]),
                resolver: ConfigResolver(environment: Self.environment))
        }
    }
}
