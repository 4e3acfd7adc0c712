// kechuang-ingest: parse configuration → IngestAssembly.build → StreamService.run (see IngestCommand.run).
do {
    let command = try IngestCommand.parse()
    try await command.run()
} catch {
    IngestCommand.exit(withError: error)
}
