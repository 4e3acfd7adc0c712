import Foundation
import KechuangTestSupport
import Testing
@testable import Storage

/// Issue #12: databases and their WAL/SHM files are private (0600) whatever the umask.
@Suite struct PrivateFilesTests {
    @Test func databaseAndItsWALAndSHMFilesAre0600() throws {
        let directory = "/tmp/kpf-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let previousMask = umask(0o022)
        defer { umask(previousMask) }
        let path = directory + "/test.sqlite"
        let database = try KechuangDatabase(path: path)
        try database.pool.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
        }
        _ = database
    }
}
