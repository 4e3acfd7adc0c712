import ServiceKit
// kechuang-notify (科创 通知服务): parse configuration → NotifyAssembly.build → run until SIGTERM/SIGINT (SIGHUP
// reloads the rules file).
do {
    let command = try NotifyServiceCommand.parse()
    try await command.run()
} catch {
    // A directory it cannot write or an invalid setting: exit 78, which `kechuang up` does not restart.
    ServiceExit.exitIfPermanent(error, service: "kechuang-notify")
    NotifyServiceCommand.exit(withError: error)
}
