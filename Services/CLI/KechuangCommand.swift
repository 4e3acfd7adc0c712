import ArgumentParser

/// The root `kechuang` command (科创): one subcommand per verb.
struct KechuangCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kechuang",
        abstract: "Kechuang 科创 — the county Science & Technology Bureau's tools.",
        discussion: """
            Start everything with `kechuang up`, feed documents with `kechuang feed`, follow indicator values \
            with `kechuang watch` and `kechuang metrics`. Directories and endpoints come from flags, then the \
            environment (KECHUANG_HOME, KECHUANG_RUN_DIR, KECHUANG_DATA_DIR, KECHUANG_ENDPOINT_*), then defaults.
            """,
        subcommands: [
            UpCommand.self, StatusCommand.self, DownCommand.self, FeedCommand.self, WatchCommand.self,
            MetricsCommand.self, SubjectCommand.self, RankingCommand.self, ExplainCommand.self, ExtractCommand.self,
            SampleDataCommand.self, RulesCommand.self, SilenceCommand.self, NotificationsCommand.self, KeysCommand.self,
        ])
}
