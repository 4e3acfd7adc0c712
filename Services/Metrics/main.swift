// kechuang-metrics (科创 指标服务): parse configuration → MetricsAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try MetricsServiceCommand.parse()
    try await command.run()
} catch {
    MetricsServiceCommand.exit(withError: error)
}
