// Entry point of the `kechuang` command-line tool: parses arguments and runs the chosen subcommand.
import ArgumentParser
import DocumentConversion
import Foundation

// `kechuang convert-document …` is the converter subprocess `kechuang extract` runs for PDF, DOCX and HTML files
// (the same one ingest runs, see ConversionChild).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == ConversionChild.subcommand {
    exit(ConversionChild.main(Array(CommandLine.arguments.dropFirst(2))))
}

do {
    var command = try KechuangCommand.parseAsRoot()
    if let asynchronous = command as? any AsyncExecutable {
        try await asynchronous.execute()
    } else {
        try command.run()
    }
} catch {
    KechuangCommand.exit(withError: error)
}
