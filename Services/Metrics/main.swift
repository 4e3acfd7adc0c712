import ServiceKit
// kechuang-metrics (科创 指标服务): parse configuration → MetricsAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try MetricsServiceCommand.parse()
    try await command.run()
} catch {
    // A directory it cannot write or an invalid setting: exit 78, which `kechuang up` does not restart.
    ServiceExit.exitIfPermanent(error, service: "kechuang-metrics")
    MetricsServiceCommand.exit(withError: error)
}
