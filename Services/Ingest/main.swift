import DocumentConversion
import Foundation
import ServiceKit
// `kechuang-ingest convert-document …` is ingest's own converter subprocess (see ConversionChild).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == ConversionChild.subcommand {
    exit(ConversionChild.main(Array(CommandLine.arguments.dropFirst(2))))
}
// kechuang-ingest: parse configuration → IngestAssembly.build → StreamService.run (see IngestServiceCommand.run).
do {
    let command = try IngestServiceCommand.parse()
    try await command.run()
} catch {
    // A directory it cannot write or an invalid setting: exit 78, which `kechuang up` does not restart.
    ServiceExit.exitIfPermanent(error, service: "kechuang-ingest")
    IngestServiceCommand.exit(withError: error)
}
