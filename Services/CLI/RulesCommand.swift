import ArgumentParser
import Foundation
import NotifyRules

/// `kechuang rules check FILE`: validates a notification rules file without starting anything.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Notification rules files (通知规则).",
        subcommands: [Check.self])

    /// `kechuang rules check FILE`.
    struct Check: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a rules file: every problem with file, line and reason; exit 1 when there is one.")

        @Argument(help: "The rules file (YAML).")
        var file: String

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            do {
                let rules = try RulesLoader.load(path: file)
                let receivers = rules.receivers.values.sorted { $0.name < $1.name }
                    .map { "\($0.name) (\($0.kind.name))" }.joined(separator: ", ")
                print("规则文件有效 valid: \(file) — \(rules.rules.count) 条规则 rules, \(rules.receivers.count) 个接收方 receivers: \(receivers), \(rules.route.allNodes.count) 条路由 routes")
            } catch {
                for problem in error.errors { print(problem.description) }
                print("规则文件无效 invalid: \(error.errors.count) 个问题 problem(s)")
                throw ExitCode.failure
            }
        }
    }
}
