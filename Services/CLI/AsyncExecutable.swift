/// An asynchronous subcommand, run by `main.swift` through this protocol: calling `run()` on an existential
/// `AsyncParsableCommand` from top-level code resolves to the synchronous `ParsableCommand.run()`, which only
/// prints help.
protocol AsyncExecutable {
    /// Does the command's work.
    func execute() async throws
}
