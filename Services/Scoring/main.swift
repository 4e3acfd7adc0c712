// kechuang-scoring (科创 积分与格次服务): parse configuration → ScoringAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try ScoringServiceCommand.parse()
    try await command.run()
} catch {
    ScoringServiceCommand.exit(withError: error)
}
