// kechuang-ingest: parse configuration → buildIngest(configuration:) → ServiceRunner (see IngestCommand.run).
do {
    let command = try IngestCommand.parse()
    try await command.run()
} catch {
    IngestCommand.exit(withError: error)
}
