import Foundation
import Testing
@testable import KechuangCLI

/// Issue #12, files and permissions on the CLI side: `supervisor.json` 0600, CSV cells neutralised for spreadsheets.
@Suite struct PrivateFilesAndCSVTests {
    @Test func supervisorStateFileIs0600() throws {
        let directory = "/tmp/kcs-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let previousMask = umask(0o022)
        defer { umask(previousMask) }
        let state = SupervisorStateFile(
            pid: 1, phase: "running", startedAt: "now", home: directory, runDirectory: directory,
            dataDirectory: directory, logDirectory: directory, services: [])
        try state.write()
        let attributes = try FileManager.default.attributesOfItem(
            atPath: SupervisorStateFile.path(runDirectory: directory))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("-12.5", "-12.5"), ("+3", "+3"), ("张家港", "张家港"), ("", ""), ("a=b", "a=b"),
    ])
    func formulaCellsAreNeutralisedAndNumbersKept(cell: String, expected: String) {
        #expect(SampleFilingCSV.neutralised(cell) == expected)
    }

    @Test func quotedCellsAreNeutralisedToo() {
        #expect(SampleFilingCSV.quote("=1,2") == "\"'=1,2\"")
    }
}
