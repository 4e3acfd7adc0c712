import ServiceKit
// kechuang-ingest: parse configuration → IngestAssembly.build → StreamService.run (see IngestServiceCommand.run).
do {
    let command = try IngestServiceCommand.parse()
    try await command.run()
} catch {
    // A directory it cannot write or an invalid setting: exit 78, which `kechuang up` does not restart.
    ServiceExit.exitIfPermanent(error, service: "kechuang-ingest")
    IngestServiceCommand.exit(withError: error)
}
