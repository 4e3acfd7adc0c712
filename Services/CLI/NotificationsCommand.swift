import ArgumentParser
import Contracts
import Foundation

/// `kechuang notifications [--failed]` and `kechuang notifications retry ID`.
struct NotificationsCommand: AsyncParsableCommand, AsyncExecutable {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "Recent notifications and their deliveries (通知); --failed lists the dead letters.",
        subcommands: [Retry.self])

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Only notifications with a delivery that failed for good (the dead-letter list).")
    var failed = false

    @Option(help: "At most this many, newest first.")
    var limit: Int = 50

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        try await execute()
    }

    /// The command's work (see ``AsyncExecutable``).
    func execute() async throws {
        guard limit > 0 else { throw CLIError.invalidArgument(name: "--limit", value: String(limit), expected: "a positive number") }
        let reply = try await NotifyQuery.ask(
            NotificationsRequest(failedOnly: failed, limit: limit), expecting: NotificationList.self,
            connection: try connection.resolve())
        Self.print(reply, format: format)
    }

    static func print(_ reply: NotificationList, format: OutputFormat) {
        switch format {
        case .json:
            Swift.print((try? ScoringQuery.json(reply)) ?? "{}")
        case .table:
            var table = TextTable(
                headers: ["编号 id", "时间 time", "标题 title", "投递 deliveries"],
                alignments: [.left, .left, .left, .left])
            for entry in reply.notifications {
                let deliveries = entry.deliveries.map { delivery in
                    let state = switch delivery.state {
                    case "delivered": "已送达"
                    case "failed": "失败"
                    default: "待发"
                    }
                    return "\(delivery.receiver) \(state) \(delivery.state)"
                        + (delivery.attempts > 1 ? " ×\(delivery.attempts)" : "")
                        + (delivery.state != "delivered" ? delivery.lastError.map { " (\($0))" } ?? "" : "")
                }.joined(separator: "; ")
                table.append([entry.id, NotifyQuery.time(entry.createdAtMilliseconds), entry.title, deliveries])
            }
            Swift.print(table.render(), terminator: "")
        }
    }

    /// `kechuang notifications retry ID`.
    struct Retry: AsyncParsableCommand, AsyncExecutable {
        static let configuration = CommandConfiguration(
            commandName: "retry", abstract: "Try a notification's failed deliveries again now.")

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The notification id (see notifications --failed).")
        var id: String

        @Option(help: "Output format: table or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await execute()
        }

        /// The command's work (see ``AsyncExecutable``).
        func execute() async throws {
            let reply = try await NotifyQuery.ask(
                NotificationsRequest(retry: id), expecting: NotificationList.self, connection: try connection.resolve())
            if format == .table { Swift.print("已重新排队 queued again: \(id)") }
            NotificationsCommand.print(reply, format: format)
        }
    }
}
