// kechuang-web (科创 网页): parse configuration → WebAssembly.build → run until SIGTERM/SIGINT.
do {
    let command = try WebServiceCommand.parse()
    try await command.run()
} catch {
    WebServiceCommand.exit(withError: error)
}
