import Foundation
import Testing
@testable import ServiceKit

/// Services write their own log file (`KECHUANG_LOG_FILE`), rotated by size; a directory they cannot write is one
/// clear, permanent start error naming the path and the fix.
@Suite struct RotatingFileSinkTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "kechuang-log-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func rotatesBySizeKeepingWholeLines() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ingest.log"
        let sink = try RotatingFileSink(path: path, maxBytes: 1024, keep: 2)
        let line = String(repeating: "x", count: 99)   // 100 bytes with its newline
        for index in 0..<35 { sink.write(line: String(format: "%03d", index) + line.dropFirst(3)) }
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let first = try String(contentsOfFile: path + ".1", encoding: .utf8)
        let second = try String(contentsOfFile: path + ".2", encoding: .utf8)
        #expect(!FileManager.default.fileExists(atPath: path + ".3"), "only `keep` rotated files are kept")
        for text in [current, first, second] {
            #expect(text.utf8.count <= 1024)
            #expect(text.split(separator: "\n").allSatisfy { $0.count == 99 }, "no line is split across files")
        }
        #expect(current.split(separator: "\n").last?.hasPrefix("034") == true)
        #expect(first.split(separator: "\n").last?.hasPrefix("029") == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func configuredByTheEnvironment() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(RotatingFileSink.fromEnvironment([:]) == nil)
        let sink = try #require(RotatingFileSink.fromEnvironment([
            RotatingFileSink.pathVariable: directory + "/metrics.log", RotatingFileSink.maxBytesVariable: "4096",
            RotatingFileSink.keepVariable: "3",
        ]))
        #expect(sink.maxBytes == 4096 && sink.keep == 3)
        sink.write(line: "ts=… msg=\"supervisor is gone; shutting down\"")
        #expect(try String(contentsOfFile: directory + "/metrics.log", encoding: .utf8).contains("supervisor is gone"))
    }

    @Test func anUnwritableDirectoryIsOnePermanentErrorNamingPathAndFix() throws {
        let error = #expect(throws: DirectoryError.self) {
            try KechuangDirectories.requireWritable("/srv/kechuang/data", check: { _ in EROFS })
        }
        let text = "\(try #require(error))"
        #expect(text.contains("/srv/kechuang/data is not writable"))
        #expect(text.contains("Read-only file system"))
        #expect(text.contains("chmod 700 /srv/kechuang/data"))
        #expect(text.contains("--data-dir/KECHUANG_DATA_DIR"))
        #expect(ServiceExit.isPermanent(try #require(error)))
        #expect(ServiceExit.permanentFailure == 78)
        try KechuangDirectories.requireWritable("/tmp", check: { _ in 0 })
    }
}
