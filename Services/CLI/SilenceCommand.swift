import ArgumentParser
import Contracts
import Foundation
import NotifyRules

/// `kechuang silence add|list|expire`: silences of the notify service.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Silence notifications by label for a while (静默).",
        subcommands: [Add.self, List.self, Expire.self])

    /// `kechuang silence add MATCHER… --duration D`.
    struct Add: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a silence: firings whose labels match every MATCHER are not sent until it ends.")

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "Label matchers: name=value, name!=value, name=~regex, name!~regex.")
        var matchers: [String]

        @Option(help: "How long, e.g. 30m, 2h, 1d.")
        var duration: String = "2h"

        @Option(help: "Why (shown by silence list).")
        var comment: String = ""

        @Option(name: .customLong("created-by"), help: "Who (default $USER).")
        var createdBy: String?

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            guard let length = DurationText.parse(duration), length > .zero else {
                throw CLIError.invalidArgument(name: "--duration", value: duration, expected: "a duration such as 30m, 2h or 1d")
            }
            for matcher in matchers {
                do {
                    _ = try LabelMatcher(parsing: matcher)
                } catch {
                    throw CLIError.invalidArgument(name: "MATCHER", value: matcher, expected: error.description)
                }
            }
            let request = SilenceRequest(
                action: .add, matchers: matchers, durationSeconds: max(1, length.components.seconds),
                createdBy: createdBy ?? ProcessInfo.processInfo.environment["USER"] ?? "", comment: comment)
            let reply = try await NotifyQuery.ask(request, expecting: SilenceList.self, connection: try connection.resolve())
            if format == .table { Swift.print("已添加静默 added: \(reply.affected ?? "")") }
            SilenceCommand.print(reply, format: format)
        }
    }

    /// `kechuang silence list`.
    struct List: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List silences (active first).")

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            let reply = try await NotifyQuery.ask(
                SilenceRequest(action: .list), expecting: SilenceList.self, connection: try connection.resolve())
            SilenceCommand.print(reply, format: format)
        }
    }

    /// `kechuang silence expire ID`.
    struct Expire: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(commandName: "expire", abstract: "End a silence now.")

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The silence id (see silence list).")
        var id: String

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            let reply = try await NotifyQuery.ask(
                SilenceRequest(action: .expire, id: id), expecting: SilenceList.self, connection: try connection.resolve())
            if format == .table { Swift.print("已结束静默 expired: \(id)") }
            SilenceCommand.print(reply, format: format)
        }
    }

    static func print(_ reply: SilenceList, format: OutputFormat) {
        switch format {
        case .json:
            Swift.print((try? ScoringQuery.json(reply)) ?? "{}")
        case .table:
            var table = TextTable(
                headers: ["编号 id", "状态 state", "匹配 matchers", "结束 ends", "创建 by", "说明 comment"],
                alignments: [.left, .left, .left, .left, .left, .left])
            for silence in reply.silences {
                table.append([silence.id, silence.active ? "生效 active" : "已结束 ended",
                              silence.matchers.joined(separator: " "), NotifyQuery.time(silence.endsAtMilliseconds),
                              silence.createdBy, silence.comment])
            }
            Swift.print(table.render(), terminator: "")
        }
    }
}
