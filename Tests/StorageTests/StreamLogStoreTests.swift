import Foundation
import GRDB
import Messaging
import Testing
@testable import Storage

@Suite struct StreamLogStoreTests {
    let log = StreamLogStore()

    private func openDatabase(_ directory: TemporaryDirectory) throws -> KechuangDatabase {
        try KechuangDatabase(path: directory.file("log.sqlite"))
    }

    @Test func emptyLogHasHeadZero() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        try database.pool.read { (db: Database) throws in
            #expect(try log.head(db) == 0)
            #expect(try log.oldestSequence(db) == nil)
            #expect(try log.count(db) == 0)
            #expect(try log.entries(db, after: 0, limit: 10).isEmpty)
        }
    }

    @Test func headerBuilderReceivesAssignedSequence() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        let sequences = try database.pool.write { db -> [UInt64] in
            try (0..<3).map { index in
                try log.append(db, topic: "t", body: Data([UInt8(index)])) { sequence in Data("seq=\(sequence)".utf8) }
            }
        }
        #expect(sequences == [1, 2, 3])
        let entries = try database.pool.read { db in try log.entries(db, after: 0, limit: 10) }
        #expect(entries.map(\.header) == [Data("seq=1".utf8), Data("seq=2".utf8), Data("seq=3".utf8)])
        #expect(entries.map(\.body) == [Data([0]), Data([1]), Data([2])])
    }

    @Test func appendConsecutiveContinuesFromTheHeadWithGapFreeSequences() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        let (ranges, handedOver) = try database.pool.write { db -> ([ClosedRange<UInt64>?], [[StoredEnvelope]]) in
            try log.append(db, topic: "t", header: Data("h".utf8), body: Data())
            var firstEntries: [StoredEnvelope] = []
            let first = try log.appendConsecutive(db, count: 3, handingOver: &firstEntries, upTo: 2) { index, sequence in
                (Topic("t.\(index)"), Data("seq=\(sequence)".utf8), Data([UInt8(index)]))
            }
            var noEntries: [StoredEnvelope] = []
            let none = try log.appendConsecutive(db, count: 0, handingOver: &noEntries) { _, _ in ("never", Data(), Data()) }
            var secondEntries: [StoredEnvelope] = []
            let second = try log.appendConsecutive(db, count: 2, handingOver: &secondEntries) { index, sequence in
                (Topic("u.\(index)"), Data("seq=\(sequence)".utf8), Data())
            }
            return ([first, none, second], [firstEntries, noEntries, secondEntries])
        }
        #expect(ranges == [2...4, nil, 5...6])
        let entries = try database.pool.read { db in try log.entries(db, after: 0, limit: 10) }
        #expect(entries.map(\.sequence) == Array(1...6))
        #expect(entries.map(\.topic) == ["t", "t.0", "t.1", "t.2", "u.0", "u.1"])
        #expect(entries.dropFirst().map(\.header) == (2...6).map { Data("seq=\($0)".utf8) })
        #expect(entries[1...3].map(\.body) == [Data([0]), Data([1]), Data([2])])
        // What is handed over is what was stored, up to the limit.
        #expect(handedOver[0] == entries[1...2].map(\.storedEnvelope))
        #expect(handedOver[1].isEmpty)
        #expect(handedOver[2] == entries[4...5].map(\.storedEnvelope))
    }

    @Test func explicitSequenceMustBeNext() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        try database.pool.write { (db: Database) throws in
            let next = try log.nextSequence(db)
            #expect(next == 1)
            try log.append(db, sequence: next, topic: "t", header: Data(), body: Data())
            #expect(throws: StorageError.sequenceOutOfOrder(expected: 2, got: 5)) {
                try log.append(db, sequence: 5, topic: "t", header: Data(), body: Data())
            }
            #expect(throws: StorageError.sequenceOutOfOrder(expected: 2, got: 1)) {
                try log.append(db, sequence: 1, topic: "t", header: Data(), body: Data())
            }
        }
    }

    @Test func appendRolledBackWithItsTransaction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try database.pool.write { (db: Database) throws in
                try log.append(db, topic: "t", header: Data(), body: Data())
                throw Abort()
            }
        }
        let sequence = try database.pool.write { db in try log.append(db, topic: "t", header: Data(), body: Data()) }
        #expect(sequence == 1)
    }

    @Test func entriesAfterRespectsBounds() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        try await database.pool.write { (db: Database) throws in
            for index in 1...10 {
                try log.append(db, topic: "topic.\(index)", header: Data(), body: Data())
            }
        }
        try await database.pool.read { (db: Database) throws in
            #expect(try log.entries(db, after: 0, limit: 3).map(\.sequence) == [1, 2, 3])
            #expect(try log.entries(db, after: 3, limit: 3).map(\.sequence) == [4, 5, 6])
            #expect(try log.entries(db, after: 8, limit: 100).map(\.sequence) == [9, 10])
            #expect(try log.entries(db, after: 10, limit: 100).isEmpty)
            #expect(try log.entries(db, after: 2, limit: 0).isEmpty)
            #expect(try log.entries(db, after: UInt64.max, limit: 5).isEmpty)
            #expect(try log.entries(db, after: 4, limit: 1).first?.topic == "topic.5")
        }
        let reader = StreamLogDatabaseReader(reader: database.pool)
        #expect(try await reader.head == 10)
        #expect(try await reader.entries(after: 7, limit: 2).map(\.sequence) == [8, 9])
        #expect(try reader.logEntries(after: 7, limit: 2).map(\.topic) == ["topic.8", "topic.9"])
    }

    @Test func pruneDeletesOnlyEntriesOldAndBeyondCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try openDatabase(directory)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let old = now.addingTimeInterval(-10 * 24 * 3600)
        try database.pool.write { (db: Database) throws in
            // 1...6 are ten days old, 7...10 are fresh.
            for index in 1...10 {
                try log.append(db, topic: "t", header: Data(), body: Data(), now: index <= 6 ? old : now)
            }
        }
        let policy = try RetentionPolicy(minimumAge: .seconds(7 * 24 * 3600), minimumCount: 8)
        // Keeping the 8 most recent protects 3...10; old entries 1 and 2 are outside both windows.
        let deleted = try database.pool.write { db in try log.prune(db, policy: policy, now: now) }
        #expect(deleted == 2)
        try database.pool.read { (db: Database) throws in
            #expect(try log.oldestSequence(db) == 3)
            #expect(try log.head(db) == 10)
            #expect(try log.count(db) == 8)
        }
        // With a small count window only age protects: 7...10 stay.
        let ageOnly = try RetentionPolicy(minimumAge: .seconds(7 * 24 * 3600), minimumCount: 1)
        #expect(try database.pool.write { db in try log.prune(db, policy: ageOnly, now: now) } == 4)
        // Everything old, count window 1: the head entry survives and numbering continues gap-free.
        let later = now.addingTimeInterval(30 * 24 * 3600)
        #expect(try database.pool.write { db in try log.prune(db, policy: ageOnly, now: later) } == 3)
        let next = try database.pool.write { db in try log.append(db, topic: "t", header: Data(), body: Data()) }
        #expect(next == 11)
    }

    @Test func retentionPolicyRejectsImpossibleValues() {
        #expect(throws: StorageError.self) { try RetentionPolicy(minimumAge: .seconds(1), minimumCount: 0) }
        #expect(throws: StorageError.self) { try RetentionPolicy(minimumAge: .seconds(-1), minimumCount: 5) }
        #expect(RetentionPolicy.standard.minimumCount == 1_000_000)
        #expect(RetentionPolicy.standard.minimumAgeMilliseconds == 7 * 24 * 3600 * 1000)
    }
}
