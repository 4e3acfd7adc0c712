// kechuang-ingest: parse configuration → IngestAssembly.build → StreamService.run (see IngestServiceCommand.run).
do {
    let command = try IngestServiceCommand.parse()
    try await command.run()
} catch {
    IngestServiceCommand.exit(withError: error)
}
