import Foundation
import Testing
@testable import ServiceKit

/// Where a service's log lines go (`LoggingBootstrap.lineSink`): stderr, stderr and the log file, or the file alone
/// when `KECHUANG_LOG_STDERR=0` (what `kechuang up` sets unless it shows the services' output).
@Suite struct LogLineSinkChoiceTests {
    private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "kechuang-log-choice-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    private func fileLines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func withoutALogFileLinesGoToStandardErrorWhateverTheVariable() {
        for environment in [[:], [LoggingBootstrap.standardErrorCopyVariable: "0"]] {
            let standardError = CollectingSink()
            LoggingBootstrap.lineSink(standardError: standardError, environment: environment).write(line: "ts=1 msg=一")
            #expect(standardError.lines == ["ts=1 msg=一"])
        }
    }

    @Test func aLogFileGetsEveryLineAndStandardErrorACopyUnlessTurnedOff() throws {
        try withTemporaryDirectory { directory in
            for (setting, copied) in [(nil, true), ("1", true), ("0", false)] as [(String?, Bool)] {
                let file = directory + "/ingest-\(setting ?? "unset").log"
                var environment = [RotatingFileSink.pathVariable: file]
                environment[LoggingBootstrap.standardErrorCopyVariable] = setting
                let standardError = CollectingSink()
                let sink = LoggingBootstrap.lineSink(standardError: standardError, environment: environment)
                sink.write(line: "ts=1 msg=受理")
                sink.write(line: "ts=2 msg=拒绝")
                #expect(fileLines(file) == ["ts=1 msg=受理", "ts=2 msg=拒绝"], "setting \(setting ?? "unset")")
                #expect(standardError.lines == (copied ? ["ts=1 msg=受理", "ts=2 msg=拒绝"] : []),
                        "setting \(setting ?? "unset")")
            }
        }
    }

    @Test func aLogFileThatCannotBeOpenedLeavesStandardErrorEvenWhenTurnedOff() throws {
        try withTemporaryDirectory { directory in
            let standardError = CollectingSink()
            let sink = LoggingBootstrap.lineSink(standardError: standardError, environment: [
                RotatingFileSink.pathVariable: directory + "/missing/ingest.log",
                LoggingBootstrap.standardErrorCopyVariable: "0",
            ])
            sink.write(line: "ts=1 msg=still-seen")
            #expect(standardError.lines == ["ts=1 msg=still-seen"])
        }
    }
}
