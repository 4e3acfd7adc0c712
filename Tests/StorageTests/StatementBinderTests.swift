import Foundation
import GRDB
import Testing
@testable import Storage

/// ``StatementBinder`` stores exactly what GRDB's `execute(arguments:)` stores, and reports SQLite errors.
@Suite struct StatementBinderTests {
    static let insert = "INSERT INTO sample (id, number, label, payload) VALUES (?, ?, ?, ?)"

    static func database(_ directory: TemporaryDirectory) throws -> KechuangDatabase {
        let database = try KechuangDatabase(path: directory.file("binder.sqlite"))
        try database.pool.write { db in
            try db.execute(sql: "CREATE TABLE sample (id INTEGER PRIMARY KEY, number, label, payload)")
        }
        return database
    }

    /// Every column with its SQLite storage class, by id.
    static func rows(_ db: Database) throws -> [String] {
        try Row.fetchAll(
            db, sql: """
                SELECT id, typeof(number), number, typeof(label), label, typeof(payload), hex(payload) FROM sample
                ORDER BY id
                """
        ).map { row in (0..<row.count).map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|") }
    }

    @Test func storesWhatGRDBStores() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database(directory)
        let labels = ["", "metric.loan.pool_size", "科技贷 入池", "emoji 🚀", "nul\u{0}inside"]
        let payloads = [Data(), Data([0]), Data("{\"value\":1}".utf8), Data((0...255).map { UInt8($0) })]
        let numbers: [Int64] = [0, -1, Int64.max, Int64.min]
        let (viaGRDB, viaBinder) = try database.pool.write { db -> ([String], [String]) in
            var id: Int64 = 0
            for label in labels {
                for payload in payloads {
                    for number in numbers {
                        id += 1
                        try db.cachedStatement(sql: Self.insert).execute(arguments: [id, number, label, payload])
                    }
                }
            }
            id += 1
            try db.cachedStatement(sql: Self.insert).execute(arguments: [id, nil, nil, nil])
            let grdb = try Self.rows(db)
            try db.execute(sql: "DELETE FROM sample")
            id = 0
            for label in labels {
                for payload in payloads {
                    for number in numbers {
                        id += 1
                        let row = id
                        try StatementBinder.execute(db.cachedStatement(sql: Self.insert), in: db) { binder in
                            binder.bind(row)
                            binder.bind(number)
                            binder.bind(label)
                            binder.bind(payload)
                        }
                    }
                }
            }
            id += 1
            let last = id
            try StatementBinder.execute(db.cachedStatement(sql: Self.insert), in: db) { binder in
                binder.bind(last)
                binder.bindNull()
                binder.bindNull()
                binder.bindNull()
            }
            return (grdb, try Self.rows(db))
        }
        #expect(viaBinder == viaGRDB)
        #expect(viaBinder.count == labels.count * payloads.count * numbers.count + 1)
    }

    @Test func aFailedStepThrowsAndTheStatementStaysUsable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database(directory)
        let count = try database.pool.write { db -> Int in
            let statement = try db.cachedStatement(sql: Self.insert)
            try StatementBinder.execute(statement, in: db) { $0.bind(Int64(1)) }
            #expect(throws: DatabaseError.self) {
                try StatementBinder.execute(statement, in: db) { $0.bind(Int64(1)) }  // same primary key
            }
            try StatementBinder.execute(statement, in: db) { binder in
                binder.bind(Int64(2))
                binder.bind(Int64(5))
            }
            try statement.execute(arguments: [3, 6, "grdb", Data()])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") ?? 0
        }
        #expect(count == 3)
    }

    @Test func bindingPastTheLastParameterThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Self.database(directory)
        try database.pool.write { db in
            #expect(throws: DatabaseError.self) {
                try StatementBinder.execute(db.cachedStatement(sql: Self.insert), in: db) { binder in
                    for value in 1...5 { binder.bind(Int64(value)) }
                }
            }
        }
    }
}
