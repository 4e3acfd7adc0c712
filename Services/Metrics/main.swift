// kechuang-metrics (科创 指标服务): parse configuration → MetricsAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try MetricsCommand.parse()
    try await command.run()
} catch {
    MetricsCommand.exit(withError: error)
}
