// kechuang-notify (科创 通知服务): parse configuration → NotifyAssembly.build → run until SIGTERM/SIGINT (SIGHUP
// reloads the rules file).
do {
    let command = try NotifyServiceCommand.parse()
    try await command.run()
} catch {
    NotifyServiceCommand.exit(withError: error)
}
