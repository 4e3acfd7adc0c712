// Entry point of the `kechuang` command-line tool: parses arguments and runs the chosen subcommand.
import ArgumentParser

do {
    var command = try KechuangCommand.parseAsRoot()
    if let asynchronous = command as? any AsyncExecutable {
        try await asynchronous.execute()
    } else {
        try command.run()
    }
} catch {
    KechuangCommand.exit(withError: error)
}
