import ServiceKit
// kechuang-scoring (科创 积分与格次服务): parse configuration → ScoringAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try ScoringServiceCommand.parse()
    try await command.run()
} catch {
    // A directory it cannot write or an invalid setting: exit 78, which `kechuang up` does not restart.
    ServiceExit.exitIfPermanent(error, service: "kechuang-scoring")
    ScoringServiceCommand.exit(withError: error)
}
