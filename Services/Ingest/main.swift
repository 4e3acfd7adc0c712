// kechuang-ingest: parse configuration → buildIngest(configuration:) → ServiceRunner (see IngestServiceCommand.run).
do {
    let command = try IngestServiceCommand.parse()
    try await command.run()
} catch {
    IngestServiceCommand.exit(withError: error)
}
